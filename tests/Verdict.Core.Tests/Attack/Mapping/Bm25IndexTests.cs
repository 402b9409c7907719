using Verdict.Attack.Mapping;

namespace Verdict.Tests.Attack.Mapping;

public sealed class Bm25IndexTests
{
    private static readonly Bm25Index Index = new(
    [
        ("A", "Scheduled Task: adversaries create scheduled tasks with schtasks to run payloads at logon"),
        ("B", "Kerberoasting: request service tickets for accounts with a service principal name and crack them offline"),
        ("C", "Clear Windows Event Logs: wevtutil can clear the security and system event logs"),
    ]);

    [Fact]
    public void The_document_sharing_the_rare_words_ranks_first()
    {
        Assert.Equal("B", Index.Search("cracking service tickets offline", 3)[0].Id);
        Assert.Equal("C", Index.Search("wevtutil cl Security", 3)[0].Id);
    }

    [Fact]
    public void A_query_with_no_known_word_finds_nothing() => Assert.Empty(Index.Search("zzz qqq 12345", 3));

    [Fact]
    public void Tokens_drop_stop_words_numbers_and_plural_s() =>
        Assert.Equal(["adversary_tool", "task", "run"], Bm25Index.Tokenize("The adversary_tool tasks 2024 to run").ToList());
}
