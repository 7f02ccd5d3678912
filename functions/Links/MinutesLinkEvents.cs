using Opsg.Functions.Meetings;

namespace Opsg.Functions.Links;

/// <summary>
/// SECAS shared a meeting's final, publishable minutes by link. As for a case's link, the token is never in the
/// history (only its SHA-256, and only in the links table). <paramref name="MinutesVersion"/> is the final version
/// there was when it was issued; the link opens the latest final version.
/// </summary>
public sealed record MinutesLinkIssued(string LinkId, string? Recipient, DateTimeOffset ExpiresAt, int MinutesVersion) : MeetingEvent, ILinkIssued;

public sealed record MinutesLinkRevoked(string LinkId, string? Reason) : MeetingEvent;
