using System.Text.RegularExpressions;
using Opsg.Functions.Records;

namespace Opsg.Functions.Mail;

public sealed record RecipientRequest(string? Name, string? Address);

/// <summary>One person an email goes to: a display name and an address, both checked before anything is recorded.</summary>
public sealed record MailRecipient(string Name, string Address)
{
    /// <summary>How the link names its holder in the record.</summary>
    public string Label => $"{Name} <{Address}>";
}

/// <summary>
/// People an email goes to, as SECAS names them or a setting lists them. Names and addresses go into mail headers, so
/// anything that could add a header, a second address or markup is refused before anything is recorded or sent.
/// </summary>
public static partial class MailRecipients
{
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
        var recipients = ParseDistributionList(setting).Select((r, i) => Check(v, r, $"{settingName}[{i}]")).ToList();
        return (recipients, v.ToRejection());
    }

    public static MailRecipient Check(Validator v, RecipientRequest r, string field)
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
