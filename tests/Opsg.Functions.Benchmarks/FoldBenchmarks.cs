using BenchmarkDotNet.Attributes;
using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Benchmarks;

/// <summary>
/// What reading a case costs once its rows are in memory: the pure fold, and deserialize + fold
/// (what every command and status read does). Decides whether reads need a snapshot.
/// </summary>
[MemoryDiagnoser]
public class FoldBenchmarks
{
    private List<RecordedEvent> _events = [];
    private List<StoredEvent> _stored = [];

    [Params(100, 1_000, 10_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _events = RealisticHistory.Build(Events);
        _stored = RealisticHistory.Stored(_events);
    }

    [Benchmark(Baseline = true)]
    public CaseState Fold() => CaseRecord.Fold("c", _events);

    [Benchmark]
    public CaseState DeserializeAndFold() => CaseRecord.Fold("c", _stored.Select(CaseRecord.Kind.ToRecorded));
}
