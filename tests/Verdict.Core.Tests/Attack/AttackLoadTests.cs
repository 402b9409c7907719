using System.IO.Compression;
using Verdict.Attack;
using Verdict.Tests.Support;

namespace Verdict.Tests.Attack;

/// <summary>Plain and gzip input, and the clear reasons given for anything that is not an ATT&CK bundle.</summary>
public sealed class AttackLoadTests
{
    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }

    private static string Bundle(string objects) => $$"""{"type": "bundle", "id": "bundle--1", "objects": [{{objects}}]}""";

    private static string Technique(string id, string stixId, bool revoked = false) =>
        $$"""{"type": "attack-pattern", "id": "{{stixId}}", "name": "Name of {{id}}", "revoked": {{(revoked ? "true" : "false")}}, "external_references": [{"source_name": "mitre-attack", "external_id": "{{id}}"}]}""";

    private static string RevokedBy(string source, string target) =>
        $$"""{"type": "relationship", "id": "relationship--{{source}}", "relationship_type": "revoked-by", "source_ref": "{{source}}", "target_ref": "{{target}}"}""";

    [Fact]
    public void Gzip_is_detected_by_its_magic_bytes_in_streams_and_files()
    {
        var gzipped = Gzip(File.ReadAllBytes(AttackFixtures.Stix21Path));
        var fromStream = AttackKnowledgeBase.Load(new MemoryStream(gzipped));
        Assert.Equal("18.1", fromStream.Version);
        Assert.Equal(4, fromStream.Techniques.Count);

        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("bundle.json.gz"), gzipped);
        Assert.Equal(4, AttackKnowledgeBase.Load(temp.File("bundle.json.gz")).Techniques.Count);
        File.WriteAllBytes(temp.File("no-extension"), gzipped);
        Assert.Equal(4, AttackKnowledgeBase.Load(temp.File("no-extension")).Techniques.Count);
    }

    [Fact]
    public void A_plain_stream_and_a_byte_order_mark_are_fine()
    {
        var json = File.ReadAllBytes(AttackFixtures.Stix20Path);
        Assert.Equal(5, AttackKnowledgeBase.Load(new MemoryStream(json)).Techniques.Count);
        Assert.Equal(5, AttackKnowledgeBase.Load(new MemoryStream([0xEF, 0xBB, 0xBF, .. json])).Techniques.Count);
    }

    [Theory]
    [InlineData("{ not json", "is not valid JSON")]
    [InlineData("[1, 2, 3]", "is not a STIX bundle")]
    [InlineData("""{"type": "report", "objects": []}""", "is not a STIX bundle")]
    [InlineData("""{"type": "bundle", "objects": [{"type": "intrusion-set", "id": "intrusion-set--1"}]}""", "is a STIX bundle without ATT&CK techniques")]
    [InlineData("", "is not valid JSON")]
    public void Anything_else_is_a_result_with_a_reason(string content, string reason)
    {
        var result = AttackKnowledgeBase.TryLoad(TestData.Stream(content));
        Assert.False(result.Success);
        Assert.Null(result.KnowledgeBase);
        Assert.StartsWith("ATT&CK data ", result.Error);
        Assert.Contains(reason, result.Error);
        var thrown = Assert.Throws<InvalidDataException>(() => AttackKnowledgeBase.Load(TestData.Stream(content)));
        Assert.Equal(result.Error, thrown.Message);
    }

    [Fact]
    public void File_errors_name_the_file()
    {
        using var temp = new TempDirectory();
        var missing = AttackKnowledgeBase.TryLoad(temp.File("missing.json"));
        Assert.StartsWith($"cannot read ATT&CK data {temp.File("missing.json")}", missing.Error);

        var truncated = Gzip(File.ReadAllBytes(AttackFixtures.Stix20Path))[..200];
        File.WriteAllBytes(temp.File("cut.json.gz"), truncated);
        var cut = AttackKnowledgeBase.TryLoad(temp.File("cut.json.gz"));
        Assert.False(cut.Success);
        Assert.StartsWith(temp.File("cut.json.gz") + " is not ", cut.Error);
    }

    [Fact]
    public void A_revoked_technique_without_replacement_or_in_a_cycle_has_no_technique()
    {
        var json = Bundle(string.Join(",",
            Technique("T1001", "attack-pattern--1", revoked: true),
            Technique("T1002", "attack-pattern--2", revoked: true),
            Technique("T1003", "attack-pattern--3", revoked: true),
            Technique("T1004", "attack-pattern--4"),
            RevokedBy("attack-pattern--2", "attack-pattern--3"),
            RevokedBy("attack-pattern--3", "attack-pattern--2")));
        var kb = AttackKnowledgeBase.Load(TestData.Stream(json));

        Assert.Equal(["T1004"], kb.Techniques.Select(t => t.Id));
        var lone = kb.Lookup("T1001");
        Assert.Equal((LookupStatus.Revoked, (AttackTechnique?)null, "T1001 was revoked, with no replacement"), (lone.Status, lone.Technique, lone.Message));
        Assert.Null(kb.Lookup("T1002").Technique);
        Assert.Equal("", kb.SpecVersion);
    }

    [Fact]
    public void Odd_field_types_are_ignored_rather_than_fatal()
    {
        var json = Bundle("""
            {"type": "attack-pattern", "id": "attack-pattern--1", "name": 42, "revoked": "no", "x_mitre_platforms": "Windows",
             "kill_chain_phases": [null, {"phase_name": 7}, {"kill_chain_name": "mitre-attack", "phase_name": "execution"}],
             "external_references": [null, {"source_name": "mitre-attack", "external_id": "T1059"}]},
            "not an object",
            {"type": "relationship", "relationship_type": "uses"}
            """);
        var technique = Assert.Single(AttackKnowledgeBase.Load(TestData.Stream(json)).Techniques);
        Assert.Equal(("T1059", "", false), (technique.Id, technique.Name, technique.Deprecated));
        Assert.Equal(["execution"], technique.Tactics);
        Assert.Empty(technique.Platforms);
    }

    [Fact]
    public void Stream_and_file_loads_agree()
    {
        using var stream = File.OpenRead(AttackFixtures.Stix20Path);
        var fromStream = AttackKnowledgeBase.Load(stream);
        Assert.Equal(AttackFixtures.Stix20.Techniques, fromStream.Techniques, (a, b) => a.Id == b.Id && a.Detection == b.Detection);
    }
}
