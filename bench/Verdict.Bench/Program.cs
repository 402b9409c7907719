using Verdict.Bench;

// Benchmarks, run by hand (never as tests): dotnet run -c Release --project bench/Verdict.Bench -- MODE [ARGS]
return args switch
{
    ["attack-load", .. var rest] => AttackLoadBench.Run(rest.FirstOrDefault()),
    ["attack-map", .. var rest] => AttackMapBench.Run(rest.FirstOrDefault()),
    ["families"] => FamiliesBench.Run(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Verdict.Bench attack-load|attack-map [BUNDLE] | families   (default: $VERDICT_SHARED_DIR/attack/enterprise-attack.json.gz)");
    return 2;
}
