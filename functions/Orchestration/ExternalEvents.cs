using Opsg.Functions.Cases;
using Opsg.Functions.Panel;
using Opsg.Functions.Review;

namespace Opsg.Functions.Orchestration;

/// <summary>An external event that arrived before the case waited for it: kept in the case's inbox, never dropped.</summary>
public sealed record ExternalEventRaised(string Name, string EventType, string Payload) : CaseEvent;

/// <summary>
/// A kept event was handed to the case once it waited for it. <paramref name="Refused"/> says why it
/// was not applied, when the case had moved on in a way that made it invalid.
/// </summary>
public sealed record ExternalEventDelivered(long Raised, string? Refused) : CaseEvent;

/// <summary>
/// One event the case waits for, as Durable's WaitForExternalEvent would: when it is awaited and what it must
/// satisfy (who may raise it is declared on its function). <paramref name="Check"/> judges it once awaited;
/// <paramref name="Admit"/>, where given, judges what can be judged however early it comes, so an event that
/// can never fit is not kept.
/// </summary>
public sealed record ExternalEventKind(string Name, Func<CaseState, bool> Awaited, Func<CaseState, CaseEvent, Rejection?> Check, Func<CaseState, CaseEvent, Rejection?>? Admit = null);

/// <summary>
/// The events outside parties send to a case (the TAG's view, the Panel's decision, the approval of
/// the minutes). An event the case already waits for is applied at once; an early one is kept and
/// applied by <see cref="Settle"/> as soon as the case waits for it.
/// </summary>
public static class ExternalEvents
{
    public const string TagViewName = "TagView";
    public const string PanelDecisionName = "PanelDecision";
    public const string MinutesApprovedName = "MinutesApproved";

    public static readonly IReadOnlyList<ExternalEventKind> Kinds =
    [
        new(TagViewName, Review.TagView.Awaited, (s, e) => Review.TagView.Check(s, (TagViewRecorded)e), (s, e) => Review.TagView.Admit(s, (TagViewRecorded)e)),
        new(PanelDecisionName, PanelDecision.Awaited, (s, e) => PanelDecision.Check(s, (PanelDecisionRecorded)e)),
        new(MinutesApprovedName, MinutesApproval.Awaited, (s, e) => MinutesApproval.Check(s, (MinutesApproved)e)),
    ];

    public static ExternalEventKind? Find(string name) =>
        Kinds.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));

    public static Decision Raise(CaseState state, ExternalEventKind kind, CaseEvent e)
    {
        if (CaseRules.Live(state) is { } refused) return refused;
        if (kind.Admit?.Invoke(state, e) is { } inadmissible) return inadmissible;
        if (!kind.Awaited(state))
            return Decision.Accept(new ExternalEventRaised(kind.Name, EventCatalog.NameOf(e), EventCatalog.Serialize(e)));
        return kind.Check(state, e) is { } rejection ? rejection : Decision.Accept(e);
    }

    /// <summary>The kept events the case now waits for, oldest first, each followed by what it brings.</summary>
    public static IReadOnlyList<CaseEvent> Settle(CaseState state)
    {
        if (state.IsTerminated) return [];
        foreach (var (sequence, raised) in state.Inbox)
        {
            var kind = Find(raised.Name);
            if (kind is null || !kind.Awaited(state)) continue;
            var e = EventCatalog.Deserialize(raised.EventType, raised.Payload);
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
