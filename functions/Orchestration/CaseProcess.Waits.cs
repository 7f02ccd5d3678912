using Opsg.Functions.Cases;
using Opsg.Functions.Panel;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Steps;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// One event the case waits for, as Durable's WaitForExternalEvent would: when it is awaited and what it must
/// satisfy (who may raise it is declared on its function). <paramref name="Check"/> judges it once awaited;
/// <paramref name="Admit"/>, where given, judges what can be judged however early it comes, so an event that
/// can never fit is not kept.
/// </summary>
public sealed record ExternalEventKind(string Name, Func<CaseState, bool> Awaited, Func<CaseState, CaseEvent, Rejection?> Check, Func<CaseState, CaseEvent, Rejection?>? Admit = null);

public sealed partial class CaseProcess
{
    public const string TagViewName = "TagView";
    public const string PanelDecisionName = "PanelDecision";
    public const string MinutesApprovedName = "MinutesApproved";

    /// <summary>
    /// The events outside parties send to a case, and when the case waits for each: the TAG's view once the DCC has
    /// submitted (it then knows the TAG's scope) until the minutes are final; the Panel's decision once a Panel report
    /// was rendered; the approval of the minutes once the meeting is recorded. An event the case already waits for is
    /// applied at once; an early one is kept and applied by <see cref="Settle"/> as soon as the case waits for it.
    /// </summary>
    public static readonly IReadOnlyList<ExternalEventKind> Waits =
    [
        new(TagViewName,
            s => s.Submission is not null && s.MinutesApproved is null,
            (s, e) => TagView.Check(s, (TagViewRecorded)e), (s, e) => TagView.Admit(s, (TagViewRecorded)e)),
        new(PanelDecisionName,
            s => s.Reports.Any(r => r.Kind == ReportKinds.PanelReport),
            (s, e) => PanelDecision.Check(s, (PanelDecisionRecorded)e)),
        new(MinutesApprovedName,
            s => s.Meeting is not null,
            (s, e) => MinutesApproval.Check(s, (MinutesApproved)e)),
    ];

    public static ExternalEventKind? FindWait(string name) =>
        Waits.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>An outside party's event: applied if the case waits for it, kept if it may later, refused otherwise.</summary>
    public static Decision Raise(CaseState state, ExternalEventKind kind, CaseEvent e)
    {
        if (CaseRules.Live(state) is { } refused) return refused;
        if (kind.Admit?.Invoke(state, e) is { } inadmissible) return inadmissible;
        if (!kind.Awaited(state))
            return Decision.Accept(new ExternalEventRaised(kind.Name, CaseRecord.Events.NameOf(e), CaseRecord.Events.Serialize(e)));
        return kind.Check(state, e) is { } rejection ? rejection : Decision.Accept(e);
    }

    /// <summary>The kept events the case now waits for, oldest first, each followed by what it brings.</summary>
    public static IReadOnlyList<RecordEvent> Settle(CaseState state)
    {
        if (state.IsTerminated) return [];
        foreach (var (sequence, raised) in state.Inbox)
        {
            var kind = FindWait(raised.Name);
            if (kind is null || !kind.Awaited(state)) continue;
            var e = (CaseEvent)CaseRecord.Events.Deserialize(raised.EventType, raised.Payload);
            // One at a time: the next one is judged against the state this one produces.
            return kind.Check(state, e) is { } rejection
                ? [new ExternalEventDelivered(sequence, rejection.Detail + Details(rejection))]
                : [new ExternalEventDelivered(sequence, null), e];
        }
        return [];
    }

    private static string Details(Rejection rejection) =>
        rejection.Errors is { Count: > 0 } errors ? " " + string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))) : "";
}
