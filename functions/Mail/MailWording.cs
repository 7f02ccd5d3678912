using System.Globalization;
using Opsg.Functions.Records;

namespace Opsg.Functions.Mail;

/// <summary>The classification an email leads with: the marking in its subject and first line, and what it allows.</summary>
public sealed record MailClassification(string Marking, string Text);

/// <summary>What every email says the same way: the classification first, a subject on one line, times in UTC, en-GB.</summary>
public static class MailWording
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static MailClassification Classification(Classification classification) => classification == Records.Classification.NotForPublication
        ? new("NOT FOR PUBLICATION", "Share it with SEC Parties and smart metering stakeholders only; do not publish it, including online.")
        : new("PUBLISHABLE", "It may be shared with anyone and published.");

    /// <summary>"[NOT FOR PUBLICATION] …": a header is one line, so any line break in what it is about becomes a space.</summary>
    public static string Subject(MailClassification classification, string about) => $"[{classification.Marking}] {OneLine(about)}";

    public static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>"20 March 2020 at 17:00 UTC".</summary>
    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("d MMMM yyyy 'at' HH:mm 'UTC'", EnGb);
}
