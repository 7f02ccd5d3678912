using System.Globalization;
using Microsoft.Extensions.Options;
using Opsg.Functions.Cases;
using Opsg.Functions.Mail;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Steps;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Links;

/// <summary>
/// The SendPanelLinks step: for each recipient of the mailing, a link of its own and one email carrying it.
/// Safe to run again: a recipient whose email is recorded as sent is skipped; safe beside another run of the same step,
/// as Durable's provider sometimes has it: each recipient's email is sent by one run at a time (<see cref="EffectsOnce"/>),
/// which asks the record only once it holds the claim. For a recipient not yet recorded, the links an
/// earlier attempt issued (and never got recorded as sent) are revoked before a new one is issued, so no
/// recipient holds two live links from one request. Once sent, an email's record is tried again while storage does
/// not answer; an email sent but not yet recorded when a process dies is sent again: at
/// least once, never silently lost.
/// </summary>
public sealed class PanelMailer(CaseStore store, EffectsOnce once, LinkTable links, MailRenderer renderer, SmtpMailSender sender, IOptions<MailOptions> options, FaultInjection faults, TimeProvider clock)
{
    public async Task<RecordEvent> SendAsync(string caseId, long mailing, IReadOnlyList<RecordedEvent> history)
    {
        var request = history.Last(e => e.Sequence < mailing && e.Event is PanelMailingRequested).Event as PanelMailingRequested;
        foreach (var recipient in request!.Recipients)
            await once.RunAsync(store, caseId, $"mail-{mailing}-sent-{recipient.Address.ToLowerInvariant()}",
                async () => await SendOneAsync(caseId, mailing, request, recipient, await store.LoadHistoryAsync(caseId, CancellationToken.None)));
        return new ActivityCompleted(mailing, string.Create(CultureInfo.InvariantCulture, $"{request.Recipients.Count} emails"));
    }

    private async Task<RecordEvent> SendOneAsync(string caseId, long mailing, PanelMailingRequested request, MailRecipient recipient, IReadOnlyList<RecordedEvent> recorded)
    {
        var state = store.Kind.Fold(caseId, recorded);
        foreach (var stale in state.Links.Values.Where(l => l.Issued.Mailing == mailing && l.Issued.Recipient == recipient.Label && l.RevokedAt is null))
            await RevokeAsync(caseId, stale.Issued.LinkId);

        var (linkId, token) = await IssueAsync(caseId, mailing, recipient, request.ExpiresAt);
        var url = options.Value.LinkBaseUrl.TrimEnd('/') + "/api/links/" + token;
        var mail = PanelLinkEmail.Compose(renderer, recipient, state.Opened!.Title, state.Opened.Classification, request.ExpiresAt, url);
        faults.MailSending();
        var messageId = await sender.SendAsync(mail, CancellationToken.None);
        faults.MailSent();
        return new PanelMailSent(mailing, recipient.Name, recipient.Address, linkId, messageId);
    }

    private async Task<(string LinkId, string Token)> IssueAsync(string caseId, long mailing, MailRecipient recipient, DateTimeOffset expiresAt)
    {
        // As when SECAS issues a link by hand: the row first, so a recorded link always has a token that works.
        var token = LinkTokens.NewToken();
        var record = new LinkRecord(LinkTokens.Hash(token), caseId, LinkTokens.NewLinkId(), expiresAt, false);
        await links.AddAsync(record, CancellationToken.None);
        var now = clock.GetUtcNow();
        await AppendAsync(caseId, $"mail-{mailing}-link-{record.LinkId}", s => IssueLink.Decide(s, record.LinkId, recipient.Label, expiresAt, now) switch
        {
            { Rejection: null, Events: [LinkIssued issued] } => Decision.Accept(issued with { Mailing = mailing }),
            var refused => refused,
        });
        return (record.LinkId, token);
    }

    private async Task RevokeAsync(string caseId, string linkId)
    {
        await AppendAsync(caseId, $"revoke-{linkId}", s => s.Links.TryGetValue(linkId, out var l) && l.RevokedAt is null
            ? Decision.Accept(new LinkRevoked(linkId, "Replaced by a retried send of the same mailing.")) : Decision.Accept());
        await links.RevokeAsync(LinkTarget.Case, caseId, linkId, CancellationToken.None);
    }

    private Task AppendAsync(string caseId, string idempotencyKey, Func<CaseState, Decision> decide) =>
        store.RecordOnceAsync(caseId, idempotencyKey, clock.GetUtcNow(), decide);
}
