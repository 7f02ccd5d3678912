using Opsg.Functions.Links;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Panel;
using Opsg.Functions.Reminders;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Cases;

/// <summary>State is a left fold of the history. Pure: no clock, no I/O, no randomness.</summary>
public static class CaseFold
{
    public static CaseState Fold(string caseId, IEnumerable<RecordedEvent> history) =>
        history.Aggregate(CaseState.Empty with { CaseId = caseId }, Evolve);

    public static CaseState Evolve(CaseState state, RecordedEvent recorded)
    {
        var next = Apply(state, recorded) with { Version = recorded.Sequence, LastUpdatedTime = recorded.Time };
        return recorded.Sequence == 1 ? next with { CreatedTime = recorded.Time } : next;
    }

    private static CaseState Apply(CaseState s, RecordedEvent recorded) => recorded.Event switch
    {
        CaseOpened e => s with { Opened = e },
        CaseTerminated e => s with { TerminatedReason = e.Reason },

        ReadinessSubmitted e => s with { Submissions = s.Submissions.Add(e) },
        EvidenceAttached e => s with { Evidence = s.Evidence.Add(e) },

        ReviewOpened e => s with { ReviewOpened = e },
        MeetingRecorded e => s with { Meeting = e },
        CriterionDecided e => s with { CriterionDecisions = s.CriterionDecisions.SetItem(e.Lsc, e) },
        RiskDecided e => s with { RiskDecisions = s.RiskDecisions.SetItem(e.Number, e) },
        RiskAdded e => s with { AddedRisks = s.AddedRisks.Add(e) },
        ActionRaised e => s with { Actions = s.Actions.Add(new ActionState(e, [], [], null)) },
        ActionTargetRevised e => UpdateAction(s, e.ActionId, a => a with { Revisions = a.Revisions.Add(e) }),
        ActionProgressNoted e => UpdateAction(s, e.ActionId, a => a with { Progress = a.Progress.Add(e) }),
        PostMeetingNoteAdded e => ApplyNote(s with { Notes = s.Notes.Add(e) }, e),
        TagViewRecorded e => s with { TagView = e },

        PanelDecisionRecorded e => s with { PanelDecision = e },
        MinutesApproved e => s with { MinutesApproved = e },

        ActivityScheduled e => s with { Activities = s.Activities.SetItem(recorded.Sequence, new ActivityState(recorded.Sequence, e, ActivityStatus.Scheduled, null, null, 0)) },
        ActivityCompleted e => UpdateActivity(s, e.Scheduled, a => a with { Status = ActivityStatus.Completed, Output = e.Output }),
        ActivityFailed e => UpdateActivity(s, e.Scheduled, a => a with { Status = ActivityStatus.Failed, Error = e.Error, Attempts = e.Attempts }),
        ActivityRetried e => UpdateActivity(s, e.Scheduled, a => a with { Status = ActivityStatus.Scheduled, Error = null, Retries = a.Retries + 1 }),
        ReportRendered e => UpdateActivity(s, e.Scheduled, a => a with { Status = ActivityStatus.Completed, Output = e.BlobName }) with { Reports = s.Reports.Add(e) },
        TimerScheduled e => s with { Timers = s.Timers.SetItem(e.TimerId, new TimerState(e, false)) },
        ExternalEventRaised e => s with { Inbox = s.Inbox.SetItem(recorded.Sequence, e) },
        ExternalEventDelivered e => Deliver(s, e),
        TimerFired e => s.Timers.TryGetValue(e.TimerId, out var t) ? s with { Timers = s.Timers.SetItem(e.TimerId, t with { Fired = true }) } : s,

        ReportsRequested => s,
        LinkIssued e => s with { Links = s.Links.SetItem(e.LinkId, new LinkState(e, recorded.Time, null)) },
        LinkAccessed => s, // an access recorded in the history before accesses had a log of their own: changes nothing
        LinkRevoked e => UpdateLink(s, e.LinkId, l => l with { RevokedAt = recorded.Time }),
        PanelMailingRequested => s, // the policy schedules the step; the step reads the request from the history
        PanelMailSent => s,
        ReminderSent => s, // the SendReminder step reads who already has it from the history

        _ => throw new InvalidOperationException($"No fold rule for {recorded.Event.GetType().Name}."),
    };

    private static CaseState Deliver(CaseState s, ExternalEventDelivered delivered)
    {
        if (!s.Inbox.TryGetValue(delivered.Raised, out var raised)) return s;
        var next = s with { Inbox = s.Inbox.Remove(delivered.Raised) };
        return delivered.Refused is { } reason
            ? next with { RefusedEvents = next.RefusedEvents.Add(new RefusedExternalEvent(delivered.Raised, raised.Name, reason)) }
            : next;
    }

    private static CaseState ApplyNote(CaseState s, PostMeetingNoteAdded note) =>
        note.Effect == NoteEffect.ActionClosed && note.ActionId is { } id
            ? UpdateAction(s, id, a => a with { ClosedBy = note })
            : s;

    private static CaseState UpdateAction(CaseState s, string actionId, Func<ActionState, ActionState> update)
    {
        var index = s.Actions.FindIndex(a => a.Raised.ActionId == actionId);
        return index < 0 ? s : s with { Actions = s.Actions.SetItem(index, update(s.Actions[index])) };
    }

    private static CaseState UpdateLink(CaseState s, string linkId, Func<LinkState, LinkState> update) =>
        s.Links.TryGetValue(linkId, out var link) ? s with { Links = s.Links.SetItem(linkId, update(link)) } : s;

    private static CaseState UpdateActivity(CaseState s, long sequence, Func<ActivityState, ActivityState> update) =>
        s.Activities.TryGetValue(sequence, out var activity) ? s with { Activities = s.Activities.SetItem(sequence, update(activity)) } : s;
}
