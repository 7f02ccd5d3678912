using Opsg.Functions.Cases;
using Opsg.Functions.Mail;
using Opsg.Functions.Records;

namespace Opsg.Functions.Links;

public sealed record PanelMailingRequest(List<RecipientRequest>? Recipients, DateTimeOffset? ExpiresAt);

/// <summary>SECAS asked for the Panel's link to be emailed; the orchestration's SendPanelLinks step does it.</summary>
public sealed record PanelMailingRequested(IReadOnlyList<MailRecipient> Recipients, DateTimeOffset ExpiresAt) : CaseEvent;

/// <summary>
/// One email of a Panel mailing went out: to whom, which link it carries (its id, never its token) and the
/// message id the mail server can be asked about. The envelope's time is when it was sent.
/// </summary>
public sealed record PanelMailSent(long Mailing, string Name, string Address, string LinkId, string MessageId) : CaseEvent;

/// <summary>
/// SECAS has the Panel's link emailed: to the people it names, or to the configured Panel distribution list.
/// Names and addresses go into mail headers, so anything that could add a header, a second address or
/// markup is refused before anything is recorded.
/// </summary>
public static class PanelMailing
{
    /// <summary>The step that issues and emails the links.</summary>
    public const string SendLinksStep = "SendPanelLinks";

    public const int MaxRecipients = 20;
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(14);

    public static (IReadOnlyList<MailRecipient> Recipients, DateTimeOffset? ExpiresAt, Rejection? Rejection) Validate(
        PanelMailingRequest request, IReadOnlyList<RecipientRequest> distributionList)
    {
        var v = new Validator();
        var named = v.List(request.Recipients, "recipients", MaxRecipients);
        var (field, asked) = named.Count > 0 ? ("recipients", named) : ("Mail__PanelRecipients", distributionList.ToList());
        v.Check(asked.Count > 0, "recipients", "Name at least one recipient: no Panel distribution list is configured.");
        var recipients = asked.Select((r, i) => MailRecipients.Check(v, r, $"{field}[{i}]")).ToList();
        foreach (var twice in recipients.GroupBy(r => r.Address, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            v.Add(field, $"'{twice.Key}' appears twice.");
        return (recipients, request.ExpiresAt, v.ToRejection());
    }

    /// <summary>The same rules as a link SECAS issues by hand, checked for every recipient, then one event for them all.</summary>
    public static Decision Decide(CaseState state, IReadOnlyList<MailRecipient> recipients, DateTimeOffset expiry, DateTimeOffset now)
    {
        foreach (var recipient in recipients)
            if (IssueLink.Decide(state, "check", recipient.Label, expiry, now).Rejection is { } refused) return refused;
        return Decision.Accept(new PanelMailingRequested(recipients, expiry));
    }
}
