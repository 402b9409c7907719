using Verdict.Attack;

namespace Verdict.Tests.Attack;

public sealed class AttackTextTests
{
    [Theory]
    [InlineData("Runs code.(Citation: A) More.", "Runs code. More.")]
    [InlineData("Runs code. (Citation: A)(Citation: B 2020)", "Runs code.")]
    [InlineData("(Citation: Only a citation)", "")]
    [InlineData("First.\n\n(Citation: A) Second.", "First.\n\n Second.")]
    [InlineData("  No markers here  ", "No markers here")]
    [InlineData("Keeps (parentheses) and [links](https://attack.mitre.org/groups/G0007)", "Keeps (parentheses) and [links](https://attack.mitre.org/groups/G0007)")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void StripCitations_removes_markers_and_the_space_before_them(string? text, string expected) =>
        Assert.Equal(expected, AttackText.StripCitations(text));
}

public sealed class AttackIdsTests
{
    [Theory]
    [InlineData("T1059", "T1059")]
    [InlineData("t1059.001", "T1059.001")]
    [InlineData("  T1110.003\t", "T1110.003")]
    public void Valid_ids_are_normalized(string text, string expected)
    {
        Assert.True(AttackIds.TryNormalizeTechniqueId(text, out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("T1059.")]
    [InlineData("T1059.01")]
    [InlineData("T1059-001")]
    [InlineData("TA0002")]
    [InlineData("T１０５９")]
    [InlineData("X1059")]
    public void Anything_else_is_not_an_id(string? text) => Assert.False(AttackIds.TryNormalizeTechniqueId(text, out _));
}
