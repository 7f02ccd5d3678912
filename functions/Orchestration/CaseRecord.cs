using Opsg.Functions.Cases;
using Opsg.Functions.Links;
using Opsg.Functions.Panel;
using Opsg.Functions.Records;
using Opsg.Functions.Reminders;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Steps;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// The readiness case as a kind of record: the case's own events and each feature's, and the case's process. The one
/// place that names every feature of a case; a new event is registered by its feature, not here.
/// </summary>
public static class CaseRecord
{
    public static readonly RecordEvents<CaseState> Events = Compose();

    public static readonly RecordKind<CaseState> Kind = new("case", CaseState.Empty, Events, new CaseProcess());

    public static CaseState Fold(string caseId, IEnumerable<RecordedEvent> history) => Kind.Fold(caseId, history);

    private static RecordEvents<CaseState> Compose()
    {
        var events = new RecordEvents<CaseState>();
        CaseState.Register(events);
        RecordSteps.Register(events);
        SubmissionsOfCase.Register(events);
        ReviewOfCase.Register(events);
        PanelOfCase.Register(events);
        ReportsOfCase.Register(events);
        LinksOfCase.Register(events);
        RemindersOfCase.Register(events);
        return events;
    }
}
