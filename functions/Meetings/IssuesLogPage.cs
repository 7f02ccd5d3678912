using System.Globalization;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;

namespace Opsg.Functions.Meetings;

/// <summary>One entry of the Issues Log as it stood on a date.</summary>
public sealed record IssueRow(string IssueId, string Title, string List, string Status, string OpenedAt, DateOnly OpenedOn, string? EndedAt, DateOnly? EndedOn, string? TransferredTo)
{
    /// <summary>"OPSG 25, 1 October 2019": where and when it was opened, as the page prints it.</summary>
    public string Opened => $"{OpenedAt.Replace('_', ' ')}, {ReportFormats.LongDate(OpenedOn)}";

    /// <summary>"Closed at OPSG 26, 5 November 2019" or "Transferred at …, to the TABASC"; "Open" while open.</summary>
    public string StatusText => EndedAt is null || EndedOn is not { } on
        ? "Open"
        : $"{(Status == "transferred" ? "Transferred" : "Closed")} at {EndedAt.Replace('_', ' ')}, {ReportFormats.LongDate(on)}{(TransferredTo is null ? "" : ", to the " + TransferredTo)}";
}

/// <summary>The OPSG Issues Log as of a date, for the page and for programs: open entries first, then the rest.</summary>
public sealed record IssuesLogPage(DocumentHeader Header, DateOnly AsOf, IReadOnlyList<IssueRow> Entries, bool HasEntries, int OpenCount, string Summary)
{
    public const string Page = "issues-log";

    public static IssuesLogPage From(IssuesLog log, DateOnly asOf)
    {
        var rows = log.On(asOf).Select(e =>
        {
            var ended = e.Ended is { } x && x.HeldOn <= asOf ? x : null;
            return new IssueRow(e.IssueId, e.Title, e.List, e.StatusOn(asOf), e.Opened.MeetingId, e.Opened.HeldOn, ended?.MeetingId, ended?.HeldOn, ended?.Change.TransferredTo);
        }).OrderBy(r => r.Status == "open" ? 0 : 1).ToList();
        var open = rows.Count(r => r.Status == "open");
        return new IssuesLogPage(
            new DocumentHeader($"OPSG_IL_{asOf.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}", "OPSG Issues Log", $"As at {ReportFormats.LongDate(asOf)}",
                ClassificationBanner.For(Classification.NotForPublication)),
            asOf, rows, rows.Count > 0, open,
            $"As at {ReportFormats.LongDate(asOf)}: {ReportFormats.Thousands(open)} open, {ReportFormats.Thousands(rows.Count - open)} closed or transferred.");
    }
}
