using Microsoft.Extensions.Options;
using Opsg.Functions.Mail;

namespace Opsg.Functions.Reminders;

/// <summary>
/// The people configured for each audience of a reminder, each once (someone on both lists gets one email). A list that
/// does not parse fails the step, which the record's status then shows; an audience with nobody configured is logged
/// and skipped.
/// </summary>
public sealed class ReminderRecipients(IOptions<MailOptions> options, ILogger<ReminderRecipients> logger)
{
    public IReadOnlyList<MailRecipient> For(string recordId, Reminder reminder) =>
        reminder.To.SelectMany(audience =>
            {
                var (recipients, refused) = MailRecipients.Configured(Setting(audience), SettingName(audience));
                if (refused is not null)
                    throw new InvalidOperationException("Not a valid list of recipients: " + string.Join("; ", refused.Errors?.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}") ?? []));
                if (recipients.Count == 0)
                    logger.LogWarning("Reminder {Reminder} of {RecordId} reaches no {Audience}: {Setting} is empty", reminder.Id, recordId, audience, SettingName(audience));
                return recipients;
            })
            .DistinctBy(r => r.Address, StringComparer.OrdinalIgnoreCase)
            .ToList();

    private string? Setting(ReminderAudience audience) => audience == ReminderAudience.Dcc ? options.Value.DccRecipients : options.Value.SecretariatRecipients;

    private static string SettingName(ReminderAudience audience) => audience == ReminderAudience.Dcc ? "Mail__DccRecipients" : "Mail__SecretariatRecipients";
}
