using System.Text.RegularExpressions;
using Opsg.Functions.Cases;

namespace Opsg.Functions.Links;

public sealed record RecipientRequest(string? Name, string? Address);

public sealed record PanelMailingRequest(List<RecipientRequest>? Recipients, DateTimeOffset? ExpiresAt);

/// <summary>One person the Panel's link is emailed to: a display name and an address, both checked before anything is recorded.</summary>
public sealed record MailRecipient(string Name, string Address)
{
    /// <summary>How the link names its holder in the record.</summary>
    public string Label => $"{Name} <{Address}>";
}

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
public static partial class PanelMailing
{
    public const int MaxRecipients = 20;
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(14);

    public static (IReadOnlyList<MailRecipient> Recipients, DateTimeOffset? ExpiresAt, Rejection? Rejection) Validate(
        PanelMailingRequest request, IReadOnlyList<RecipientRequest> distributionList)
    {
        var v = new Validator();
        var named = v.List(request.Recipients, "recipients", MaxRecipients);
        var (field, asked) = named.Count > 0 ? ("recipients", named) : ("Mail__PanelRecipients", distributionList.ToList());
        v.Check(asked.Count > 0, "recipients", "Name at least one recipient: no Panel distribution list is configured.");
        var recipients = asked.Select((r, i) => Recipient(v, r, $"{field}[{i}]")).ToList();
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

    /// <summary>The configured list: "Name &lt;address&gt;" entries separated by semicolons.</summary>
    public static IReadOnlyList<RecipientRequest> ParseDistributionList(string? setting) =>
        (setting ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => ConfiguredEntry().Match(entry) is { Success: true } m
                ? new RecipientRequest(m.Groups["name"].Value, m.Groups["address"].Value)
                : new RecipientRequest(null, entry))
            .ToList();

    /// <summary>
    /// A configured list (Mail__PanelRecipients, Mail__SecretariatRecipients, Mail__DccRecipients) checked by the
    /// same rules as the people SECAS names; each error names the setting and the entry.
    /// </summary>
    public static (IReadOnlyList<MailRecipient> Recipients, Rejection? Rejection) Configured(string? setting, string settingName)
    {
        var v = new Validator();
        var recipients = ParseDistributionList(setting).Select((r, i) => Recipient(v, r, $"{settingName}[{i}]")).ToList();
        return (recipients, v.ToRejection());
    }

    private static MailRecipient Recipient(Validator v, RecipientRequest r, string field)
    {
        var name = v.Text(r.Name, $"{field}.name", maxLength: 100);
        v.Check(!name.Any(c => c is '<' or '>' or '"' or '@' or ',' or ';' or '\r' or '\n' or '\t' or '\\'), $"{field}.name",
            "A name may not contain < > \" @ , ; \\ or line breaks.");
        var address = (r.Address ?? "").Trim();
        v.Check(address.Length is > 0 and <= 254 && Address().IsMatch(address), $"{field}.address", "Must be a plain email address, such as panel@example.org.");
        return new MailRecipient(name, address);
    }

    // A deliberately narrow subset of RFC 5322: no quoted parts, comments or IP literals, nothing a header could be bent with.
    [GeneratedRegex(@"^[A-Za-z0-9_%+-]+(\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")]
    private static partial Regex Address();

    [GeneratedRegex(@"^(?<name>[^<>]*)<(?<address>[^<>]*)>$")]
    private static partial Regex ConfiguredEntry();
}
