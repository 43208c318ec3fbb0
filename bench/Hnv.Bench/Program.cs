using BenchmarkDotNet.Running;
using Hnv.Bench.Config;

// Runs the benchmarks (all of them unless --filter says otherwise) and fails when one allocates.
// --quick: a short job for CI smoke runs; every other argument goes to BenchmarkDotNet.
var quick = args.Contains("--quick");
var rest = args.Where(a => a != "--quick").ToList();
if (!rest.Any(a => a is "--filter" or "-f" or "--list" or "-h" or "--help" or "--info" or "--version"))
{
    rest.AddRange(["--filter", "*"]);
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run([.. rest], BenchConfig.Create(quick)).ToList();
if (rest.Any(a => a is "--list" or "-h" or "--help" or "--info" or "--version"))
{
    return 0;
}

var violations = AllocationBudget.Violations(summaries);
foreach (var violation in violations)
{
    Console.Error.WriteLine($"allocation budget: {violation}");
}

return violations.Count == 0 ? 0 : 1;
