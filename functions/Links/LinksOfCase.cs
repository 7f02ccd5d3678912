using System.Collections.Immutable;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Links;

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
