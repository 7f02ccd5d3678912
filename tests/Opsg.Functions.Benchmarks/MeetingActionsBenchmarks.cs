using BenchmarkDotNet.Attributes;
using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Reports;

namespace Opsg.Functions.Benchmarks;

/// <summary>
/// The actions register across many meetings once their rows are in memory: folding every meeting's history (the
/// floor every read of the register pays), then gathering the actions across meetings, then the register's rows on a
/// date. 100 meetings raising 20 actions each and reviewing 25 earlier ones each (<see cref="ManyMeetings"/>).
/// dotnet run -c Release --project tests/Opsg.Functions.Benchmarks -- --filter '*MeetingActions*' --job short
/// </summary>
[MemoryDiagnoser]
public class MeetingActionsBenchmarks
{
    private IReadOnlyList<BuiltMeeting> _built = [];
    private IReadOnlyList<MeetingState> _meetings = [];
    private ActionsAcrossMeetings _actions = null!;
    private DateOnly _on;

    [Params(100)]
    public int Meetings { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _built = ManyMeetings.Build(Meetings);
        _meetings = _built.Select(b => b.State).ToList();
        _actions = ActionsAcrossMeetings.From(_meetings);
        _on = ManyMeetings.After(_built);
        Console.WriteLine($"// {Meetings} meetings, {_built.Sum(b => b.History.Count)} events, {_actions.All.Count()} actions, " +
            $"{_meetings.Sum(m => m.Reviews.Count())} reviews; {_actions.OpenOn(_on).Count} open on {_on:yyyy-MM-dd}");
    }

    [Benchmark(Baseline = true)]
    public int FoldEveryMeeting()
    {
        var versions = 0;
        foreach (var meeting in _built)
            versions += (int)MeetingRecord.Kind.Fold(meeting.State.MeetingId, meeting.History).Version;
        return versions;
    }

    [Benchmark]
    public ActionsAcrossMeetings ActionsAcross() => ActionsAcrossMeetings.From(_meetings);

    [Benchmark]
    public IReadOnlyList<RegisterMeetingAction> ActionsAcrossAndRegisterRows() => RegisterRows.On(ActionsAcrossMeetings.From(_meetings), _on);

    [Benchmark]
    public IReadOnlyList<RegisterMeetingAction> RegisterRowsOnly() => RegisterRows.On(_actions, _on);
}
