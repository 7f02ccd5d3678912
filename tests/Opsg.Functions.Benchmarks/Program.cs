using BenchmarkDotNet.Running;

namespace Opsg.Functions.Benchmarks;

// dotnet run -c Release --project tests/Opsg.Functions.Benchmarks -- <harness> [options]
// BenchmarkDotNet micro-benchmarks are selected with --filter; end-to-end harnesses by name.
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        return args.FirstOrDefault() switch
        {
            "workflow" => await WorkflowLatencyHarness.RunAsync(args[1..]),
            "meetings" => await MeetingLatencyHarness.RunAsync(args[1..]),
            "cost" => await CostHarness.RunAsync(args[1..]),
            "twohosts" => await TwoHostsHarness.RunAsync(args[1..]),
            "load" => await LoadHarness.RunAsync(args[1..]),
            "commands" => await CommandFloorHarness.RunAsync(args[1..]),
            _ => RunMicroBenchmarks(args),
        };
    }

    private static int RunMicroBenchmarks(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
