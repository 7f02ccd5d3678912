using System.Text.Json;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Links;

/// <summary>A link about to be issued: its id, as asked, and the time its lifetime is measured from.</summary>
public sealed record LinkToIssue(string LinkId, string? Recipient, DateTimeOffset ExpiresAt, DateTimeOffset Now);

/// <summary>
/// Issuing and revoking a link, the same whatever record it belongs to (a case, a meeting): the record decides
/// through its usual command path; the links table, only an index, follows so that a recorded link always has a
/// token that works and a refused request leaves nothing behind.
/// </summary>
public sealed class LinkIssuing(LinkTable links, TimeProvider clock, ILogger<LinkIssuing> logger)
{
    /// <summary>
    /// Reads and checks the body, then asks the record to <paramref name="decide"/>. <paramref name="answer"/> is the
    /// 201's body from the recorded state, the link id and the token (null for the stored, replayable answer).
    /// </summary>
    public async Task<IResult> IssueAsync<TState>(
        HttpRequest request,
        RecordCommands<TState> commands,
        LinkTarget target,
        string recordId,
        DurableTaskClient client,
        Func<TState, LinkToIssue, Decision> decide,
        Func<TState, string, string?, object> answer)
        where TState : RecordState
    {
        var http = request.HttpContext;
        var (body, invalid) = await JsonBody.ReadAsync<IssueLinkRequest>(request, http.RequestAborted);
        if (invalid is not null) return Problems.From(invalid);
        var (recipient, expiresAt, rejection) = IssueLink.Validate(body!.Value);
        if (rejection is not null) return Problems.From(rejection);

        // The row goes in first, so a recorded link always has a token that works; it is taken out
        // again if the record refuses, so a refused request leaves nothing behind.
        var token = LinkTokens.NewToken();
        var record = new LinkRecord(LinkTokens.Hash(token), recordId, LinkTokens.NewLinkId(), expiresAt.ToUniversalTime(), false, target);
        await links.AddAsync(record, http.RequestAborted);
        var link = new LinkToIssue(record.LinkId, recipient, expiresAt, clock.GetUtcNow());
        var outcome = await commands.RunAsync(request, recordId, body.Bytes, RecordCommand<TState>.Deciding(
            state => decide(state, link),
            state => new CommandResponse(201, null, JsonSerializer.Serialize(answer(state, record.LinkId, null), RecordJson.Options))), client);
        // An append whose outcome is unknown may yet be recorded: its row stays, so a recorded link always works.
        if (outcome.OutcomeUnknown) return outcome;
        if (outcome.Outcome is not { Rejection: null, Replayed: false, State: { } recorded })
        {
            await links.RemoveAsync(record, CancellationToken.None);
            return outcome; // refused, or a replay: the token was shown once, with the first answer
        }
        // The token is in this answer only: the stored (replayable) answer above was made without it.
        return TypedResults.Json(answer(recorded, record.LinkId, token), RecordJson.Options, statusCode: 201);
    }

    /// <summary>Revokes through the record (reason from the query, If-Match honoured), then marks the token's row.</summary>
    public async Task<IResult> RevokeAsync<TState>(
        HttpRequest request,
        RecordCommands<TState> commands,
        LinkTarget target,
        string recordId,
        string linkId,
        DurableTaskClient client,
        Func<TState, string?, Decision> decide)
        where TState : RecordState
    {
        var (text, invalid) = RevokeLink.Validate(request.Query.TryGetValue("reason", out var reason) ? reason.ToString() : null);
        if (invalid is not null) return Problems.From(invalid);
        var answer = await commands.RunAsync(request, recordId, Array.Empty<byte>(), RecordCommand<TState>.Deciding(
            s => decide(s, text),
            s => new CommandResponse(200, null, JsonSerializer.Serialize(new { linkId, revoked = true }, RecordJson.Options))), client);
        // The token stopped working with the append: opening a link checks the history before serving anything.
        // The row follows so the lookup refuses it at once; a refused revocation (a bad or stale
        // If-Match, a reused Idempotency-Key) leaves it alone rather than revoking behind the history's back.
        // Once recorded, the answer says so even if the row cannot be updated now: the history already refuses the token.
        if (answer.Outcome is { Rejection: null })
        {
            try { await links.RevokeAsync(target, recordId, linkId, CancellationToken.None); }
            catch (StorageUnavailableException ex) { logger.LogWarning(ex, "Link {LinkId} of {Target} {RecordId} is revoked in the record but its row was not updated", linkId, target, recordId); }
        }
        return answer;
    }
}
