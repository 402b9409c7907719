using Verdict.Bench;

// Benchmarks, run by hand (never as tests): dotnet run -c Release --project bench/Verdict.Bench -- MODE [ARGS]
return args switch
{
    ["attack-load", .. var rest] => AttackLoadBench.Run(rest.FirstOrDefault()),
    ["attack-map", .. var rest] => AttackMapBench.Run(rest.FirstOrDefault()),
    ["serve", .. var rest] => await ServeBench.Run(rest),
    ["families"] => FamiliesBench.Run(),
    ["llm", .. var rest] => await LlmBench.Run(rest),
    ["triage", .. var rest] => TriageBench.Run(rest),
    ["triage-one", .. var rest] => TriageBench.One(rest),
    ["demo", var dir, var alerts] => TriageBench.Demo(dir, long.Parse(alerts, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Verdict.Bench attack-load|attack-map [BUNDLE]   (default: $VERDICT_SHARED_DIR/attack/enterprise-attack.json.gz)");
    Console.Error.WriteLine("       Verdict.Bench serve [CLIENTS] [SECONDS] [ACME_DIR]   (POST /triage load; default 8 15 samples/acme)");
    Console.Error.WriteLine("       Verdict.Bench families   (CPU and allocation per alert, per alert family)");
    Console.Error.WriteLine("       Verdict.Bench triage [--alerts 10000,100000,1000000] [--per-alert|--grouped]");
    Console.Error.WriteLine("       Verdict.Bench llm [--alerts 1500] [--critique-passes 2]   (model calls and tokens per alert against a local counting model server)");
    return 2;
}
