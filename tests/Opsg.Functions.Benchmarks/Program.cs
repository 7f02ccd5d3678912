using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Opsg.Functions.Benchmarks -- <harness> [options]
// BenchmarkDotNet micro-benchmarks are selected with --filter; end-to-end harnesses by name.
return args.FirstOrDefault() switch
{
    _ => RunMicroBenchmarks(args),
};

static int RunMicroBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
