using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Security;
using Opsg.Functions.Steps;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Orchestration;

/// <summary>Start, read, list, terminate, rewind and purge cases: the Durable-style management API over the record and the orchestration.</summary>
public sealed class CasesFunctions(CaseCommands commands, CaseReads reads, CaseStore store, CaseWorkflow workflow, HistoryTable history, CaseStoragePurge owned)
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
        var caseId = "c" + CaseCommands.KeyHash(request.HttpContext.User.Identity?.Name + "\n" + key)[..31];
        return commands.RunJsonAsync<OpenCaseRequest, CaseOpened>(request, caseId, client, OpenCase.Validate, opened => CaseCommand.Deciding(
            state => OpenCase.Decide(state, opened),
            state => new CommandResponse(202, CaseUrls.Status(state.CaseId), JsonSerializer.Serialize(ManagementUris.For(state.CaseId), RecordJson.Options))));
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
            var showHistory = string.Equals(request.Query["showHistory"], "true", StringComparison.OrdinalIgnoreCase);
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
        return await commands.RunAsync(request, caseId, Array.Empty<byte>(), CaseCommand.Deciding(
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
        var answer = await commands.RunAsync(request, caseId, Array.Empty<byte>(), CaseCommand.Deciding(
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

    /// <summary>Removes the case's orchestration (terminated first if it still runs), everything it owns in storage, and its record.</summary>
    [Function("PurgeCase")]
    [AllowRoles(Roles.Secas)]
    public async Task<IResult> Purge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "cases/{caseId}")] HttpRequest request,
        string caseId,
        [DurableClient] DurableTaskClient client)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        var (expected, badIfMatch) = CaseCommands.ExpectedVersion(request);
        if (badIfMatch is not null) return Problems.From(badIfMatch);
        if (expected is { } version && await store.FindAsync(caseId, cancellationToken) is { State.Version: var current } && current != version)
            return Problems.From(store.Kind.Changed(version, current));
        try
        {
            await workflow.AlignAsync(client, caseId, record: null, known: null, cancellationToken);
            // The record goes last, so a purge retried after a failure still finds the case.
            await owned.RemoveOwnedAsync(caseId, cancellationToken);
            return await history.PurgeAsync(caseId, cancellationToken)
                ? TypedResults.Json(new { instancesDeleted = 1 }, RecordJson.Options)
                : Problems.From(CaseRules.NotFound(caseId));
        }
        catch (StorageUnavailableException)
        {
            // Not "nothing was done": part of what the case owns may be gone already.
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return Problems.From(new Rejection(503, "Storage unavailable; the purge did not finish.",
                "Storage did not answer, so the purge stopped part way: some of what the case owns may be gone already, its record is still there. " +
                "Send the same DELETE again once storage answers; it carries on where this one stopped."));
        }
    }
}
