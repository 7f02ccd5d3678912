using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;

namespace Opsg.Functions.Links;

public sealed record IssueLinkRequest(string? Recipient, DateTimeOffset? ExpiresAt);

/// <summary>SECAS sends the Panel a link to the latest rendered Panel report; the classification sets the rules.</summary>
public static class IssueLink
{
    public static readonly TimeSpan MinimumLifetime = TimeSpan.FromMinutes(5);
    /// <summary>A document that must not be published should not stay reachable for long.</summary>
    public static readonly TimeSpan MaximumLifetimeNotForPublication = TimeSpan.FromDays(28);
    public static readonly TimeSpan MaximumLifetimePublishable = TimeSpan.FromDays(180);

    public static (string? Recipient, DateTimeOffset ExpiresAt, Rejection? Rejection) Validate(IssueLinkRequest request)
    {
        var v = new Validator();
        var recipient = v.OptionalText(request.Recipient, "recipient");
        var expires = v.Required(request.ExpiresAt, "expiresAt");
        return (recipient, expires, v.ToRejection());
    }

    public static Decision Decide(CaseState state, string linkId, string? recipient, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (!state.Exists) return CaseRules.NotFound(state.CaseId);
        if (state.IsTerminated) return Rejection.OutOfOrder("The case was terminated.");
        var report = state.Reports.Where(r => r.Kind == ReportKinds.PanelReport).MaxBy(r => r.Version);
        if (report is null) return Rejection.OutOfOrder("No Panel report has been rendered yet: request one first (POST …/reports).");

        var classification = state.Opened!.Classification;
        var v = new Validator();
        if (classification == Classification.NotForPublication)
            v.Check(recipient is not null, "recipient", "This report is not for publication: a link to it must name its recipient.");
        CheckLifetime(v, classification, expiresAt, now);
        if (v.ToRejection() is { } invalid) return invalid;

        return Decision.Accept(new LinkIssued(linkId, recipient, expiresAt.ToUniversalTime(), classification, report.Kind, report.Version));
    }

    /// <summary>How long a link to a document of this classification may last: the same rules whatever the document.</summary>
    public static void CheckLifetime(Validator v, Classification classification, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var longest = classification == Classification.NotForPublication ? MaximumLifetimeNotForPublication : MaximumLifetimePublishable;
        v.Check(expiresAt >= now + MinimumLifetime, "expiresAt", $"Must be at least {MinimumLifetime.TotalMinutes:0} minutes from now.");
        v.Check(expiresAt <= now + longest, "expiresAt", $"A link to this document may last at most {longest.TotalDays:0} days.");
    }
}
