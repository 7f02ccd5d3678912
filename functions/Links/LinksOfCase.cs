using System.Collections.Immutable;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Links;

/// <summary>
/// SECAS sent the Panel a link to one pinned version of a report. The token itself is never in the
/// history (only its SHA-256, and only in the links table): whoever can read a case cannot use its links.
/// <paramref name="Mailing"/> is the sequence of the SendPanelLinks step that issued it, for a link sent by email.
/// </summary>
public sealed record LinkIssued(
    string LinkId,
    string? Recipient,
    DateTimeOffset ExpiresAt,
    Classification Classification,
    string ReportKind,
    int ReportVersion,
    long? Mailing = null) : CaseEvent, ILinkIssued;

/// <summary>
/// Someone holding a valid token opened the report. No longer written: accesses now go to their own
/// log (Storage's LinkAccessLog), so a reader never races SECAS for the case. Kept so the histories
/// that recorded accesses this way still read and fold.
/// </summary>
public sealed record LinkAccessed(string LinkId) : CaseEvent;

public sealed record LinkRevoked(string LinkId, string? Reason) : CaseEvent;

/// <summary>What every issued link says, whatever it opens (a case's report, a meeting's minutes): its id and when it stops working.</summary>
public interface ILinkIssued
{
    string LinkId { get; }
    DateTimeOffset ExpiresAt { get; }
}

/// <summary>A link as the history tells it: the truth the links table is checked against.</summary>
public sealed record LinkState<TIssued>(TIssued Issued, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt) where TIssued : ILinkIssued
{
    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && now < Issued.ExpiresAt;
}

/// <summary>The Panel's links to a case's reports, by link id.</summary>
public sealed record LinksSlice(ImmutableSortedDictionary<string, LinkState<LinkIssued>> Links) : IRecordSlice<LinksSlice>
{
    public static LinksSlice Empty { get; } = new(ImmutableSortedDictionary.Create<string, LinkState<LinkIssued>>(StringComparer.Ordinal));
}

public static class LinksOfCase
{
    extension(CaseState state)
    {
        public ImmutableSortedDictionary<string, LinkState<LinkIssued>> Links => state.Slice<LinksSlice>().Links;

        /// <summary>
        /// SECAS has sent the Panel a report on this case: a link to it was issued (by hand or by a mailing), revoked
        /// since or not. Until then the Panel, on its own, neither sees the case nor decides on it.
        /// </summary>
        public bool SentToPanel => state.Links.Values.Any(l => l.Issued.ReportKind == Reports.ReportKinds.PanelReport);
    }

    public static void Register(RecordEvents<CaseState> events) => events
        .On<LinkIssued>((s, e, recorded) => s.Update<CaseState, LinksSlice>(x => x with { Links = x.Links.SetItem(e.LinkId, new LinkState<LinkIssued>(e, recorded.Time, null)) }))
        .On<LinkRevoked>((s, e, recorded) => s.Update<CaseState, LinksSlice>(x =>
            x.Links.TryGetValue(e.LinkId, out var link) ? x with { Links = x.Links.SetItem(e.LinkId, link with { RevokedAt = recorded.Time }) } : x))
        // An access recorded in the history before accesses had a log of their own: changes nothing.
        .Kept<LinkAccessed>()
        // The process schedules the mailing step; the step reads the request and who has been sent what from the history.
        .Kept<PanelMailingRequested>()
        .Kept<PanelMailSent>();
}
