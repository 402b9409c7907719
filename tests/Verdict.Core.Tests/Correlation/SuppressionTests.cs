using Verdict.Alerts;
using Verdict.Correlation.Suppression;
using Verdict.Tests.Support;

namespace Verdict.Tests.Correlation;

public class SuppressionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private static SuppressionLoadResult Load(string yaml) => SuppressionLoader.Load(new StringReader(yaml), "supp.yaml");

    private static SuppressionRule One(string match) =>
        Assert.Single(Load($"- id: S1\n  owner: alice\n  reason: test\n  expires: 2026-12-31\n  match: {match}\n").Rules);

    private static Alert Alert(string rule = "brute_force", string? user = "bob", string? ip = "10.20.0.15", string? commandLine = null, string description = "")
    {
        var a = AlertBuilder.Make("a1", user, Now, rule, ip: ip, description: description);
        if (commandLine is null) return a;
        a = a with { CommandLine = commandLine };
        return a with { Entities = EntityExtractor.Extract(a) };
    }

    [Fact]
    public void Load_ReadsEveryPartOfARule()
    {
        var result = Load("""
            suppressions:
              - id: SCAN-1
                owner: alice@acme
                reason: Nightly vulnerability scan
                expires: 2026-12-31
                match:
                  rule: brute_force
                  source_ip: 10.20.0.0/24
                  user: [svc-*, hannah.sato]
            """);

        Assert.Empty(result.Errors);
        var rule = Assert.Single(result.Rules);
        Assert.Equal(("SCAN-1", "alice@acme", "Nightly vulnerability scan", new DateOnly(2026, 12, 31)), (rule.Id, rule.Owner, rule.Reason, rule.Expires));
        Assert.Equal(["rule", "source_ip", "user"], rule.Fields.Select(f => f.Field));
        Assert.Equal(2, rule.Fields[2].AnyOf.Count);
        Assert.Equal(new SourceRef("supp.yaml", 2), rule.Source);
    }

    [Fact]
    public void Load_MistakesNameFileAndLine_AllAtOnce()
    {
        var result = Load("""
            - id: A
              owner: alice
              reason: r
              expires: soon
              match: { rule: x }
            - id: B
              reason: r
              expires: 2026-12-31
              match: { colour: red }
            - id: C
              owner: o
              reason: r
              expires: 2026-12-31
              match: { command_line: "/([a-z/" }
            - id: D
              owner: o
              reason: r
              expires: 2026-12-31
              match: { entities: [{ kind: planet, value: mars }] }
            """);

        Assert.Empty(result.Rules);
        Assert.Contains("supp.yaml:4: 'expires' must be a date like 2026-12-31, got 'soon'", result.Errors);
        Assert.Contains("supp.yaml:6: missing 'owner'", result.Errors);
        Assert.Contains(result.Errors, e => e.StartsWith("supp.yaml:9: unknown match field 'colour'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("supp.yaml:14: not a valid regular expression", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("supp.yaml:19: unknown entity kind 'planet'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RuleWithoutMatchOrWithNothingToMatch_IsAnError()
    {
        var result = Load("- { id: A, owner: o, reason: r, expires: 2026-12-31 }\n- { id: B, owner: o, reason: r, expires: 2026-12-31, match: {} }\n");

        Assert.Contains("supp.yaml:1: rule 'A' has no 'match'", result.Errors);
        Assert.Contains(result.Errors, e => e.StartsWith("supp.yaml:2: rule 'B' matches nothing", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_BrokenYaml_NamesTheLine() =>
        Assert.Matches(@"^supp\.yaml:[23]: not valid YAML", Assert.Single(Load("- id: A\n  owner: [unclosed\n").Errors));

    [Theory]
    [InlineData("{ rule: BRUTE_FORCE }", true)]            // exact is case-insensitive
    [InlineData("{ rule: brute }", false)]                 // exact is whole
    [InlineData("{ rule: 'brute*' }", true)]               // glob
    [InlineData("{ user: [carol, 'b?b'] }", true)]         // any of a list
    [InlineData("{ source_ip: 10.20.0.0/24 }", true)]      // CIDR
    [InlineData("{ source_ip: 10.21.0.0/24 }", false)]
    [InlineData("{ rule: brute_force, user: carol }", false)] // every condition must hold
    [InlineData("{ description: '/^45 failed.*minutes$/' }", true)] // regex
    [InlineData("{ entities: [{ kind: ip, value: 10.0.0.0/8 }] }", true)]
    [InlineData("{ entities: [{ kind: user, value: { glob: 'b*' } }] }", true)]
    [InlineData("{ entities: [{ kind: file_hash, value: 44d88612fea8a8f36de82e1278abb02f }] }", false)]
    public void Matches_FieldsAndEntities(string match, bool expected) =>
        Assert.Equal(expected, One(match).Matches(Alert(description: "45 failed logins in 7 minutes")));

    [Fact]
    public void Matches_CommandLineByRegex()
    {
        var rule = One("{ command_line: { regex: 'backup\\.exe\\s+/nightly' } }");

        Assert.True(rule.Matches(Alert(commandLine: @"C:\tools\backup.exe /nightly /all")));
        Assert.False(rule.Matches(Alert(commandLine: @"C:\tools\backup.exe /restore")));
        Assert.False(rule.Matches(Alert()));
    }

    [Fact]
    public void Suppressions_ExpiredRulesDoNotApplyAndAreListed()
    {
        var rules = Load("""
            - { id: OLD, owner: bob, reason: r, expires: 2026-10-31, match: { rule: brute_force } }
            - { id: TODAY, owner: carol, reason: r, expires: 2026-11-01, match: { rule: nothing_like_it } }
            """).Rules;

        var set = new Suppressions(rules, Now);

        Assert.Equal(["TODAY"], set.Active.Select(r => r.Id));
        var expired = Assert.Single(set.Expired);
        Assert.Null(set.Match(Alert()));
        Assert.Equal("suppression rule 'OLD' (owner bob) expired on 2026-10-31 and is not applied (supp.yaml:1)", Suppressions.Warning(expired));
    }
}
