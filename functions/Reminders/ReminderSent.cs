using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Reminders;

/// <summary>
/// One email of a reminder went out: which reminder (its timer id), to whom, and the message id the mail server can
/// be asked about. The envelope's time is when it was sent. A recipient recorded here never gets that reminder again.
/// </summary>
public sealed record ReminderSent(string Reminder, string Name, string Address, string MessageId) : CaseEvent;

public static class RemindersOfCase
{
    // The SendReminder step reads who already has a reminder from the history.
    public static void Register(RecordEvents<CaseState> events) => events.Kept<ReminderSent>();
}
