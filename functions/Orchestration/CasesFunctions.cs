using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Links;
using Opsg.Functions.Meetings;
using Opsg.Functions.Records;
using Opsg.Functions.Security;
using Opsg.Functions.Steps;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Orchestration;

/// <summary>Start, read, list, terminate, rewind and purge cases: the Durable-style management API over the record and the orchestration.</summary>
public sealed class CasesFunctions(
    CaseCommands commands, CaseReads reads, CaseStore store, MeetingStore meetings, CaseWorkflow workflow, HistoryTable history, CaseStoragePurge owned, PurgedRecords purged, TimeProvider clock)
{
    [Function("StartCase")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Start(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        // The id derives from the request's Idempotency-Key (the client's, or the one made up for it and named in an
        // "outcome unknown" answer), so a retried start lands on the same case.
        var key = CaseCommands.Key(request).Key;
        var caseId = "c" + CaseCommands.KeyHash(request.HttpContext.User, key)[..31];
        // A case's meeting never changes, so none is opened for a meeting that was cancelled.
        return commands.RunJsonAsync<OpenCaseRequest, CaseOpened>(request, caseId, client, OpenCase.Validate, opened => RecordCommand<CaseState>.Reading(
            (_, token) => meetings.LoadAsync(opened.MeetingId, token),
            (state, meeting) => MeetingRules.Cancelled(meeting) is { } cancelled ? cancelled : OpenCase.Decide(state, opened),
            (state, _) => new CommandResponse(202, CaseUrls.Status(state.CaseId), JsonSerializer.Serialize(ManagementUris.For(state.CaseId), RecordJson.Options))));
    }

    [Function("GetCase")]
    [AllowRoles(Roles.Dcc, Roles.Secas, Roles.OpsgMember, Roles.Tag, Roles.Panel)]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases/{caseId}")] HttpRequest request,
        string caseId,
        [DurableClient] DurableTaskClient client) =>
        reads.ReadAsync(request, caseId, async (state, recorded) =>
        {
            var http = request.HttpContext;
            // The Panel sees the cases it was sent a report on, and no others: not even that they exist.
            if (http.User.IsPanelOnly() && !state.SentToPanel) return Problems.From(CaseRules.NotFound(caseId));
            var showHistory = QueryValues.IsOn(request, "showHistory");
            // The Panel sees where the case stands, not the raw record.
            if (showHistory && http.User.IsInRole(Roles.Panel))
                return Problems.From(new Rejection(403, "Not allowed for your role.", "The case's history is not shared with the Panel."));
            var instance = await client.GetInstanceAsync(caseId, getInputsAndOutputs: true, http.RequestAborted);
            var view = CaseStatusView.From(state, instance, showHistory ? recorded : null);
            ResponseHeaders.CaseJson(http.Response);
            if (view.RuntimeStatus is nameof(RuntimeStatus.Pending) or nameof(RuntimeStatus.Running))
            {
                http.Response.Headers.Location = CaseUrls.Status(caseId);
                http.Response.Headers.RetryAfter = "5";
                return TypedResults.Json(view, RecordJson.Options, statusCode: 202);
            }
            return TypedResults.Json(view, RecordJson.Options);
        });

    /// <summary>Recomputes the case's hash chain over its rows as stored: which sequence, if any, was changed or removed behind the app's back.</summary>
    [Function("VerifyCase")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Verify([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases/{caseId}/verify")] HttpRequest request, string caseId) =>
        reads.VerifyAsync(request, caseId);

    [Function("ListCases")]
    [AllowRoles(Roles.Secas, Roles.OpsgMember)]
    public async Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases")] HttpRequest request)
    {
        var (query, rejection) = CaseListing.Parse(request);
        if (rejection is not null) return Problems.From(rejection);
        var page = await history.ListAsync(query!, request.HttpContext.RequestAborted);
        if (page.ContinuationToken is { } next) request.HttpContext.Response.Headers["x-ms-continuation-token"] = next;
        return TypedResults.Json(page.Cases.Select(CaseListing.Row), RecordJson.Options);
    }

    [Function("TerminateCase")]
    [AllowRoles(Roles.Secas)]
    public async Task<IResult> Terminate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/terminate")] HttpRequest request,
        string caseId,
        [DurableClient] DurableTaskClient client)
    {
        var v = new Validator();
        var reason = v.OptionalText(request.Query["reason"], "reason");
        if (v.ToRejection() is { } invalid) return Problems.From(invalid);
        return await commands.RunAsync(request, caseId, Array.Empty<byte>(), RecordCommand<CaseState>.Deciding(
            state => !state.Exists ? CaseRules.NotFound(caseId)
                : state.IsTerminated || CaseProcess.Runtime(state) == RuntimeStatus.Completed ? Rejection.OutOfOrder("The case has already ended.")
                : Decision.Accept(new CaseTerminated(reason ?? "Terminated by SECAS.")),
            _ => new CommandResponse(202, null, "{}")), client);
    }

    /// <summary>Retries the failed steps: recorded, then the orchestration starts again from the record.</summary>
    [Function("RewindCase")]
    [AllowRoles(Roles.Secas)]
    public async Task<IResult> Rewind(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/rewind")] HttpRequest request,
        string caseId,
        [DurableClient] DurableTaskClient client)
    {
        var answer = await commands.RunAsync(request, caseId, Array.Empty<byte>(), RecordCommand<CaseState>.Deciding(
            state =>
            {
                if (!state.Exists) return CaseRules.NotFound(caseId);
                var failed = state.Activities.Values.Where(a => a.Status == ActivityStatus.Failed).ToList();
                return failed.Count == 0
                    ? Rejection.OutOfOrder("No step of this case has failed; there is nothing to retry.")
                    : Decision.Accept(failed.Select(a => (RecordEvent)new ActivityRetried(a.Sequence)).ToList());
            },
            _ => new CommandResponse(202, null, "{}")), client);
        if (answer.Outcome is { State: { } retried, RecordedFrom: not null })
            await workflow.AlignAfterRecordingAsync(client, retried, request.HttpContext.RequestAborted);
        return answer;
    }

    /// <summary>
    /// Removes the case's orchestration (terminated first if it still runs), its record, and everything it owns in
    /// storage, leaving a tombstone that says so. A purge cannot be undone, so it needs If-Match (428 without; an unknown
    /// case is 404 either way): the
    /// version checked is the version deleted, row by row at the ETags it was read at, so a case changed meanwhile is
    /// refused (412) with nothing removed. The record goes before what it owns, and the tombstone (written first, in a
    /// table no purge touches) remembers a purge that stopped half-way, so sending it again finishes it.
    /// </summary>
    [Function("PurgeCase")]
    [AllowRoles(Roles.Secas)]
    public async Task<IResult> Purge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "cases/{caseId}")] HttpRequest request,
        string caseId,
        [DurableClient] DurableTaskClient client)
    {
        var http = request.HttpContext;
        var cancellationToken = http.RequestAborted;
        var (expected, badIfMatch) = CaseCommands.ExpectedVersion(request);
        if (badIfMatch is not null) return Problems.From(badIfMatch);

        try
        {
            if (await history.ReadWholeAsync(caseId, cancellationToken) is not { } checkedRecord)
            {
                // No record: never there, purged, or a purge that removed the record and stopped before the rest.
                if (await purged.UnfinishedAsync(caseId, cancellationToken) is not { } unfinished) return Problems.From(CaseRules.NotFound(caseId));
                if (expected is not { } sent) return Problems.From(IfMatchRequired);
                if (unfinished.Version != sent) return Problems.From(store.Kind.Changed(sent, unfinished.Version));
                return await FinishPurgeAsync(client, unfinished, cancellationToken);
            }
            if (expected is not { } version) return Problems.From(IfMatchRequired);
            if (checkedRecord.Version != version) return Problems.From(store.Kind.Changed(version, checkedRecord.Version));

            await workflow.AlignAsync(client, caseId, record: null, known: null, cancellationToken);
            // Read again, at the rows' ETags: a step may have recorded its end while the orchestration was being stopped.
            if (await history.ReadWholeAsync(caseId, cancellationToken) is not { } record) return Problems.From(CaseRules.NotFound(caseId));
            if (record.Version != version) return Problems.From(store.Kind.Changed(version, record.Version));

            var actor = http.User.ToActor();
            var tombstone = PurgedRecords.Begin(record, actor.Role.ToString(), actor.Name, actor.Id, clock.GetUtcNow(),
                await purged.UnfinishedAsync(caseId, cancellationToken));
            await purged.WriteAsync(tombstone, cancellationToken);
            if (!await history.DeleteAsReadAsync(record, cancellationToken))
            {
                await purged.WithdrawAsync(tombstone, CancellationToken.None);
                return Problems.From(new Rejection(412, "The case has changed.", "Another change to the case was recorded while it was being purged; nothing was removed. Read it again and retry."));
            }
            return await FinishPurgeAsync(client, tombstone, cancellationToken);
        }
        catch (StorageUnavailableException)
        {
            // Not "nothing was done": part of what the case owns may be gone already; the tombstone says where it stopped.
            http.Response.Headers.RetryAfter = "5";
            return Problems.From(new Rejection(503, "Storage unavailable; the purge did not finish.",
                "Storage did not answer, so the purge may have stopped part way: some of what the case owns may be gone already. " +
                "Send the same DELETE again once storage answers; it carries on where this one stopped."));
        }
    }

    private static readonly Rejection IfMatchRequired = new(428, "If-Match required.",
        "A purge cannot be undone: send If-Match with the case's ETag (from GET /api/cases/{id}), so that what is removed is the version you read.");

    /// <summary>The orchestration (again: a command may have started one meanwhile), what is left of the record, what the case owns, then the tombstone completed.</summary>
    private async Task<IResult> FinishPurgeAsync(DurableTaskClient client, PurgeTombstone tombstone, CancellationToken cancellationToken)
    {
        await workflow.AlignAsync(client, tombstone.CaseId, record: null, known: null, cancellationToken);
        await history.PurgeAsync(tombstone.CaseId, cancellationToken);
        await owned.RemoveOwnedAsync(tombstone.CaseId, cancellationToken);
        await purged.WriteAsync(tombstone with { CompletedAt = clock.GetUtcNow() }, cancellationToken);
        return TypedResults.Json(new { instancesDeleted = 1 }, RecordJson.Options);
    }
}
