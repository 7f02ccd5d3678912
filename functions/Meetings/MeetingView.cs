using Opsg.Functions.Records;
using Opsg.Functions.Review;

namespace Opsg.Functions.Meetings;

/// <summary>The meeting as participants read it: its header, attendance, items in order with all minuted under them, and its minutes' versions.</summary>
public sealed record MeetingView(
    string MeetingId,
    long Version,
    string Stage,
    string RuntimeStatus,
    MeetingScheduled Meeting,
    string MinutesReference,
    string MinutesStatus,
    IReadOnlyList<Attendee> Attendees,
    IReadOnlyList<Apology> Apologies,
    IReadOnlyList<MeetingView.ItemRow> Items,
    IReadOnlyList<MeetingView.MinutesVersion> Minutes,
    PreviousMinutesApproved? ApprovedPrevious,
    MinutesMadeFinal? Final,
    Cancellation? Cancelled,
    Reinstatement? Reinstated,
    IReadOnlyList<HistoryEventView>? HistoryEvents = null)
{
    public sealed record ItemRow(AgendaItemAdded Item, IReadOnlyList<OutcomeRecorded> Outcomes, IReadOnlyList<MeetingActionRaised> Actions, IReadOnlyList<MeetingNoteAdded> Notes);

    public sealed record MinutesVersion(int Version, bool Final, string Sha256, string Url);

    public static MeetingView From(MeetingState s) => new(
        s.MeetingId,
        s.Version,
        MeetingProcess.Stage(s).ToString(),
        MeetingProcess.Runtime(s).ToString(),
        s.Scheduled!,
        MeetingRules.MinutesReference(s.Scheduled!),
        s.IsFinal ? "final" : "draft",
        s.Attendance?.Attendees ?? [],
        s.Attendance?.Apologies ?? [],
        s.Items.Values.Select(i => new ItemRow(i.Added, i.Outcomes, i.Actions, i.Notes)).ToList(),
        s.Minutes.Select(m => new MinutesVersion(m.Version, m.Final, m.Sha256, MeetingUrls.Minutes(s.MeetingId, m.Version))).ToList(),
        s.ApprovedPrevious,
        s.Final,
        s.Cancelled,
        s.Reinstated);
}

/// <summary>Where a meeting and its parts are read over HTTP.</summary>
public static class MeetingUrls
{
    public static string Meeting(string meetingId) => $"/api/meetings/{meetingId}";
    public static string Item(string meetingId, int item) => $"/api/meetings/{meetingId}/items/{item}";
    public static string Minutes(string meetingId, int version) => $"/api/meetings/{meetingId}/minutes/v{version}";
    public static string OutstandingActions(string meetingId) => $"/api/meetings/{meetingId}/actions-outstanding";
}

/// <summary>The small answer to a recorded meeting command: where the meeting stands and where to read it.</summary>
public sealed record MeetingAcknowledgement(string Id, long Version, string RuntimeStatus, string Stage, string MeetingUri);
