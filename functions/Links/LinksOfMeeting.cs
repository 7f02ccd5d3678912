using System.Collections.Immutable;
using Opsg.Functions.Meetings;
using Opsg.Functions.Records;

namespace Opsg.Functions.Links;

/// <summary>
/// SECAS shared a meeting's final, publishable minutes by link. As for a case's link, the token is never in the
/// history (only its SHA-256, and only in the links table). <paramref name="MinutesVersion"/> is the final version
/// there was when it was issued; the link opens the latest final version.
/// </summary>
public sealed record MinutesLinkIssued(string LinkId, string? Recipient, DateTimeOffset ExpiresAt, int MinutesVersion) : MeetingEvent, ILinkIssued;

public sealed record MinutesLinkRevoked(string LinkId, string? Reason) : MeetingEvent;

/// <summary>The links to a meeting's final minutes, by link id.</summary>
public sealed record MinutesLinksSlice(ImmutableSortedDictionary<string, LinkState<MinutesLinkIssued>> Links) : IRecordSlice<MinutesLinksSlice>
{
    public static MinutesLinksSlice Empty { get; } = new(ImmutableSortedDictionary.Create<string, LinkState<MinutesLinkIssued>>(StringComparer.Ordinal));
}

public static class LinksOfMeeting
{
    extension(MeetingState state)
    {
        public ImmutableSortedDictionary<string, LinkState<MinutesLinkIssued>> MinutesLinks => state.Slice<MinutesLinksSlice>().Links;

        /// <summary>The latest final version of the minutes: what a link to them opens. Null while none is rendered.</summary>
        public MinutesRendered? LatestFinalMinutes => state.Minutes.Where(m => m.Final).MaxBy(m => m.Version);
    }

    public static void Register(RecordEvents<MeetingState> events) => events
        .On<MinutesLinkIssued>((s, e, recorded) => s.Update<MeetingState, MinutesLinksSlice>(x => x with { Links = x.Links.SetItem(e.LinkId, new LinkState<MinutesLinkIssued>(e, recorded.Time, null)) }))
        .On<MinutesLinkRevoked>((s, e, recorded) => s.Update<MeetingState, MinutesLinksSlice>(x =>
            x.Links.TryGetValue(e.LinkId, out var link) ? x with { Links = x.Links.SetItem(e.LinkId, link with { RevokedAt = recorded.Time }) } : x));
}
