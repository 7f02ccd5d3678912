using System.Globalization;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;

namespace Opsg.Functions.Meetings;

/// <summary>The refusals every meeting command shares, each worded once.</summary>
public static class MeetingRules
{
    public static Rejection NotFound(string meetingId) => new(404, "No such meeting.", $"There is no meeting '{meetingId}'.");

    /// <summary>A final record changes only through an amendment approved at a later meeting; a cancelled one not at all.</summary>
    public static Rejection? Open(MeetingState state) =>
        !state.Exists ? NotFound(state.MeetingId)
        : state.IsFinal ? Rejection.OutOfOrder($"The minutes of {state.MeetingId} were approved as final at {state.Final!.AtMeeting}; the meeting record is closed.")
        : Cancelled(state);

    /// <summary>Why nothing more is recorded of, or for, a cancelled meeting; null while it is not cancelled.</summary>
    public static Rejection? Cancelled(MeetingState state) =>
        state.Cancelled is { } cancelled
            ? Rejection.OutOfOrder($"{state.MeetingId} was cancelled on {ReportFormats.LongDate(DateOnly.FromDateTime(cancelled.At.UtcDateTime))} ({cancelled.Reason}); nothing more is recorded of it unless SECAS reinstates it.")
            : null;

    /// <summary>A change to the meeting's schedule that SECAS must give a reason for (cancelling, reinstating): plain text, else 400 naming "reason".</summary>
    public static (T? Event, Rejection? Rejection) WithReason<T>(string? reason, Func<string, T> record) where T : MeetingEvent
    {
        var v = new Validator();
        var text = v.Text(reason, "reason");
        return v.ToRejection() is { } rejection ? (null, rejection) : (record(text), null);
    }

    public static Rejection NoSuchItem(string meetingId, int item) =>
        new(404, "No such agenda item.", $"Meeting '{meetingId}' has no item {item.ToString(CultureInfo.InvariantCulture)}.");

    /// <summary>"OPSG_25" held on 1 October → "OPSG_25_0110": the minutes' one reference, with no case key in it.</summary>
    public static string MinutesReference(MeetingScheduled meeting) =>
        $"{meeting.MeetingId}_{meeting.Date.ToString("ddMM", CultureInfo.InvariantCulture)}";
}
