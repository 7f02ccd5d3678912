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
