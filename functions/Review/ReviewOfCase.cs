using System.Collections.Immutable;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Review;

public sealed record ActionState(
    ActionRaised Raised,
    ImmutableList<ActionTargetRevised> Revisions,
    ImmutableList<ActionProgressNoted> Progress,
    PostMeetingNoteAdded? ClosedBy)
{
    /// <summary>Reviews of it at later meetings, oldest first.</summary>
    public ImmutableList<ActionReviewedAtMeeting> LaterReviews { get; init; } = [];

    /// <summary>The later meeting's review that closed it, if one did.</summary>
    public ActionReviewedAtMeeting? ClosedAtMeeting => LaterReviews.FirstOrDefault(r => r.Closes);

    /// <summary>Closed by a post-meeting note of the case, or by a later meeting's review.</summary>
    public bool IsOpen => ClosedBy is null && ClosedAtMeeting is null;

    public DateOnly? ClosedOn => ClosedBy is not null ? ClosedBy.On : ClosedAtMeeting?.HeldOn;

    public string? ClosingText => ClosedBy?.Text ?? ClosedAtMeeting?.Summary;

    /// <summary>
    /// The latest target: a later meeting's revision replaces the case's own (and is no date when the meeting set ASAP,
    /// a meeting or TBD), else the case's latest revision, else the target it was raised with.
    /// </summary>
    public DateOnly? CurrentTarget =>
        LaterReviews.LastOrDefault(r => r.RevisedTarget is not null) is { } later ? later.RevisedTargetDate
        : Revisions.IsEmpty ? Raised.TargetDate : Revisions[^1].RevisedTarget;
}

/// <summary>The OPSG's part of a case: the review, its meeting and decisions, actions, notes, the TAG's view and the minutes' approval.</summary>
public sealed record ReviewSlice(
    ReviewOpened? Opened,
    MeetingRecorded? Meeting,
    ImmutableSortedDictionary<int, CriterionDecided> CriterionDecisions,
    ImmutableSortedDictionary<int, RiskDecided> RiskDecisions,
    ImmutableList<RiskAdded> AddedRisks,
    ImmutableList<ActionState> Actions,
    ImmutableList<PostMeetingNoteAdded> Notes,
    TagViewRecorded? TagView,
    MinutesApproved? MinutesApproved) : IRecordSlice<ReviewSlice>
{
    public static ReviewSlice Empty { get; } = new(null, null,
        ImmutableSortedDictionary<int, CriterionDecided>.Empty, ImmutableSortedDictionary<int, RiskDecided>.Empty, [], [], [], null, null);

    internal ReviewSlice UpdateAction(string actionId, Func<ActionState, ActionState> update)
    {
        var index = Actions.FindIndex(a => a.Raised.ActionId == actionId);
        return index < 0 ? this : this with { Actions = Actions.SetItem(index, update(Actions[index])) };
    }
}

public static class ReviewOfCase
{
    extension(CaseState state)
    {
        public ReviewOpened? ReviewOpened => state.Slice<ReviewSlice>().Opened;
        public MeetingRecorded? Meeting => state.Slice<ReviewSlice>().Meeting;
        public ImmutableSortedDictionary<int, CriterionDecided> CriterionDecisions => state.Slice<ReviewSlice>().CriterionDecisions;
        public ImmutableSortedDictionary<int, RiskDecided> RiskDecisions => state.Slice<ReviewSlice>().RiskDecisions;
        public ImmutableList<RiskAdded> AddedRisks => state.Slice<ReviewSlice>().AddedRisks;
        public ImmutableList<ActionState> Actions => state.Slice<ReviewSlice>().Actions;
        public ImmutableList<PostMeetingNoteAdded> Notes => state.Slice<ReviewSlice>().Notes;
        public TagViewRecorded? TagView => state.Slice<ReviewSlice>().TagView;
        public MinutesApproved? MinutesApproved => state.Slice<ReviewSlice>().MinutesApproved;

        /// <summary>This case as if it had no post-meeting notes nor later meetings' reviews: what the meeting itself decided.</summary>
        public CaseState WithoutNotes => state.Update<CaseState, ReviewSlice>(x => x with { Notes = [], Actions = x.Actions.Select(a => a with { LaterReviews = [] }).ToImmutableList() });

        /// <summary>This case with its meeting's attendance as recorded elsewhere (a meeting's own record).</summary>
        public CaseState WithAttendance(IReadOnlyList<Attendee> attendees, IReadOnlyList<Apology> apologies) =>
            state.Update<CaseState, ReviewSlice>(x => x.Meeting is { } meeting ? x with { Meeting = meeting with { Attendees = attendees, Apologies = apologies } } : x);
    }

    public static void Register(RecordEvents<CaseState> events) => events
        .On<ReviewOpened>((s, e) => Review(s, x => x with { Opened = e }))
        .On<MeetingRecorded>((s, e) => Review(s, x => x with { Meeting = e }).Update<CaseState, SubmissionsSlice>(x => x with { Closed = true }))
        .On<CriterionDecided>((s, e) => Review(s, x => x with { CriterionDecisions = x.CriterionDecisions.SetItem(e.Lsc, e) }))
        .On<RiskDecided>((s, e) => Review(s, x => x with { RiskDecisions = x.RiskDecisions.SetItem(e.Number, e) }))
        .On<RiskAdded>((s, e) => Review(s, x => x with { AddedRisks = x.AddedRisks.Add(e) }))
        .On<ActionRaised>((s, e) => Review(s, x => x with { Actions = x.Actions.Add(new ActionState(e, [], [], null)) }))
        .On<ActionTargetRevised>((s, e) => Review(s, x => x.UpdateAction(e.ActionId, a => a with { Revisions = a.Revisions.Add(e) })))
        .On<ActionProgressNoted>((s, e) => Review(s, x => x.UpdateAction(e.ActionId, a => a with { Progress = a.Progress.Add(e) })))
        .On<ActionReviewedAtMeeting>((s, e) => Review(s, x => x.UpdateAction(e.ActionId, a => a with { LaterReviews = a.LaterReviews.Add(e) })))
        .On<PostMeetingNoteAdded>((s, e) => Review(s, x => ApplyNote(x with { Notes = x.Notes.Add(e) }, e)))
        .On<TagViewRecorded>((s, e) => Review(s, x => x with { TagView = e }))
        .On<MinutesApproved>((s, e) => Review(s, x => x with { MinutesApproved = e }));

    private static CaseState Review(CaseState s, Func<ReviewSlice, ReviewSlice> change) => s.Update(change);

    private static ReviewSlice ApplyNote(ReviewSlice x, PostMeetingNoteAdded note) =>
        note.Effect == NoteEffect.ActionClosed && note.ActionId is { } id
            ? x.UpdateAction(id, a => a with { ClosedBy = note })
            : x;
}
