using System.Text.Json;
using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// Seed 004's OPSG_25 as a folded meeting, without a host: the same requests <see cref="Seed004Meeting"/> sends over
/// HTTP, through the same validation and decisions, appended in memory. For the pure document checks.
/// </summary>
public static class Seed004History
{
    private static readonly DateTimeOffset At = new(2019, 10, 1, 17, 0, 0, TimeSpan.Zero);

    /// <param name="text">Applied to every free-text field after validation (which refuses markup), to check that
    /// whatever reaches the template comes out as text.</param>
    public static MeetingState State(Func<string, string>? text = null)
    {
        var t = text ?? (x => x);
        var state = MeetingState.Empty(Seed004Meeting.Id);
        var sequence = 0L;
        void Record(Func<MeetingState, Decision> decide)
        {
            var decision = decide(state);
            if (decision.Rejection is { } refused) throw new InvalidOperationException(refused.Detail);
            foreach (var e in decision.Events)
                state = MeetingRecord.Events.Evolve(state, new RecordedEvent(++sequence, text is null ? e : Texts(e, t), new Actor(Role.Secas, "SECAS"), At));
        }
        T As<T>(object request) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(request, RecordJson.Options), RecordJson.Options)!;

        Record(s => ScheduleMeeting.Decide(s, ScheduleMeeting.Validate(As<ScheduleMeetingRequest>(Seed004Meeting.Meeting)).Event!));
        Record(s => RecordAttendance.Decide(s, RecordAttendance.Validate(As<AttendanceRequest>(Seed004Meeting.Attendance)).Event!));
        var number = 0;
        foreach (var item in Seed004Meeting.Items)
        {
            Record(s => AgendaItems.Decide(s, AgendaItems.Validate(As<AgendaItemRequest>(new { number = item.Number, title = item.Title, narrative = item.Narrative, nilReturn = item.NilReturn, standing = item.Standing })).Event!));
            foreach (var outcome in item.Outcomes)
                Record(s => Outcomes.Decide(s, item.Number, Outcomes.Validate(As<OutcomeRequest>(outcome)).Command!));
            foreach (var action in item.Actions)
                Record(s => MeetingActions.Raise(s, item.Number, MeetingActions.Validate(new MeetingActionRequest(action, action.Split(' ')[0], null)).Command!, ++number));
        }
        foreach (var imported in Seed004Meeting.Imported)
            Record(s => ImportedActions.Decide(s, ImportedActions.Validate(As<ImportedActionRequest>(imported)).Command!, ActionsAcrossMeetings.From([s])));
        foreach (var review in Seed004Meeting.Reviews)
            Record(s => ActionReviews.Decide(s, 3, ActionReviews.Validate(As<ActionReviewRequest>(review)).Command!, ActionsAcrossMeetings.From([s])));
        foreach (var (item, outcome, change) in Seed004Meeting.IssuesLog)
            Record(s => IssuesLogChanges.Decide(s, item, outcome, IssuesLogChanges.Validate(As<IssuesLogRequest>(change)).Command!, IssuesLog.From([s])));
        foreach (var note in Seed004Meeting.Notes)
            Record(s => MeetingNotes.Decide(s, MeetingNotes.Validate(As<MeetingNoteRequest>(note)).Command!));
        return state;
    }

    private static RecordEvent Texts(RecordEvent e, Func<string, string> t) => e switch
    {
        MeetingScheduled m => m with { Venue = m.Venue is null ? null : t(m.Venue) },
        AttendanceRecorded a => a with
        {
            Attendees = [.. a.Attendees.Select(p => p with { Name = t(p.Name), Organisation = p.Organisation is null ? null : t(p.Organisation), Role = p.Role is null ? null : t(p.Role) })],
            Apologies = [.. a.Apologies.Select(p => p with { Name = t(p.Name) })],
        },
        AgendaItemAdded i => i with
        {
            Title = t(i.Title),
            Presenter = i.Presenter is null ? null : t(i.Presenter),
            Narrative = [.. i.Narrative.Select(p => new Paragraph(p.Heading is null ? null : t(p.Heading), t(p.Text)))],
            NilReturn = i.NilReturn is null ? null : t(i.NilReturn),
        },
        OutcomeRecorded o => o with
        {
            Text = t(o.Text),
            Points = [.. o.Points.Select(t)],
            SubjectTo = o.SubjectTo is null ? null : t(o.SubjectTo),
            ForApprovalBy = o.ForApprovalBy is null ? null : t(o.ForApprovalBy),
        },
        MeetingActionRaised a => a with { Text = t(a.Text), Owner = t(a.Owner) },
        MeetingNoteAdded n => n with { Text = t(n.Text) },
        ActionImported a => a with { Text = t(a.Text), Owner = t(a.Owner) },
        IssuesLogChanged c => c with { Title = t(c.Title) },
        ActionReviewed r => r with { Discussion = t(r.Discussion), TransferredTo = r.TransferredTo is null ? null : t(r.TransferredTo), Project = r.Project is null ? null : t(r.Project) },
        _ => e,
    };
}
