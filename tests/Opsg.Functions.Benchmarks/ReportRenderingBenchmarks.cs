using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Opsg.Functions.Cases;
using Opsg.Functions.Meetings;
using Opsg.Functions.Reports;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Benchmarks;

/// <summary>
/// Rendering a report from a folded case: view model + parsed Scriban template. Templates are parsed once
/// (in the renderer's constructor, as at app start-up), so this measures the warm path only.
/// dotnet run -c Release --project tests/Opsg.Functions.Benchmarks -- --filter '*ReportRendering*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class ReportRenderingBenchmarks
{
    private ReportRenderer _renderer = null!;
    private CaseState _seed = null!;
    private CaseState _large = null!;
    private MeetingState _meeting = null!;
    private ActionsAcrossMeetings _meetingActions = null!;

    [GlobalSetup]
    public void Setup()
    {
        _renderer = new ReportRenderer(TemplatesDirectory());
        _seed = Seed002Recorded.State();
        _large = LargeCaseHistory.State(lscs: 50, risks: 100, actions: 500);
        _meeting = Seed004History.State();
        _meetingActions = ActionsAcrossMeetings.From([_meeting]);
    }

    [Benchmark(Baseline = true)]
    public string PanelReport_Seed002() => _renderer.Render(ReportKinds.PanelReport, _seed);

    [Benchmark]
    public string PanelReport_Large_50Lscs_100Risks_500Actions() => _renderer.Render(ReportKinds.PanelReport, _large);

    /// <summary>The view model alone, to tell model building from template execution.</summary>
    [Benchmark]
    public object PanelReportModel_Seed002() => ReportModels.For(ReportKinds.PanelReport, _seed);

    [Benchmark]
    public string DraftMinutes_Seed002() => _renderer.Render(ReportKinds.DraftMinutes, _seed);

    /// <summary>
    /// Seed 004's OPSG_25 minutes (actions 25/01 to 25/18, the earlier actions it imported and reviewed), as the
    /// rendering activity does it: the actions across meetings (here the one meeting), the model, the template.
    /// Held against DraftMinutes_Seed002, the case document nearest to it.
    /// </summary>
    [Benchmark]
    public string MeetingMinutes_Seed004() =>
        _renderer.RenderMeetingDocument(MinutesModel.TemplateName, MinutesModel.From(_meeting, ActionsAcrossMeetings.From([_meeting])));

    /// <summary>The minutes' model alone, with the actions already gathered, to tell model building from template execution.</summary>
    [Benchmark]
    public object MeetingMinutesModel_Seed004() => MinutesModel.From(_meeting, _meetingActions);

    [Benchmark]
    public string ActionsRegister_Large() => _renderer.Render(ReportKinds.ActionsRegister, _large);

    private static string TemplatesDirectory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "templates");
        if (Directory.Exists(beside)) return beside;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Opsg.Functions.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Cannot find templates/."), "templates");
    }

    /// <summary>In-process (no separate build on a busy machine), short run: enough for sub-millisecond figures.</summary>
    private sealed class InProcessShortRun : ManualConfig
    {
        public InProcessShortRun() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
