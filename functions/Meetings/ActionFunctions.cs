using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Review;
using Opsg.Functions.Security;

namespace Opsg.Functions.Meetings;

/// <summary>
/// Actions across meetings: SECAS imports the actions raised before the system and reviews earlier meetings' actions
/// under an item of this one; everyone who reads the minutes reads what is outstanding at a meeting.
/// </summary>
public sealed class ActionFunctions(MeetingCommands commands, MeetingReads reads, ActionRecords records)
{
    [Function("ImportAction")]
    [AllowRoles(Roles.Secas)]
    public async Task<IResult> Import([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/imported-actions")] HttpRequest request, string meetingId, [DurableClient] DurableTaskClient client)
    {
        var loaded = await records.LoadAsync(request.HttpContext.RequestAborted);
        return await commands.RunJsonAsync<ImportedActionRequest, ImportedActionRequest>(request, meetingId, client, ImportedActions.Validate, c => RecordCommand<MeetingState>.Deciding(
            s => ImportedActions.Decide(s, c, loaded.With(s)),
            (s, summary) => MeetingFunctions.Acknowledgement(s, summary, 201, MeetingUrls.OutstandingActions(s.MeetingId))));
    }

    [Function("ReviewAction")]
    [AllowRoles(Roles.Secas)]
    public async Task<IResult> Review([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/items/{item:int}/action-reviews")] HttpRequest request, string meetingId, int item, [DurableClient] DurableTaskClient client)
    {
        var loaded = await records.LoadAsync(request.HttpContext.RequestAborted);
        return await commands.RunJsonAsync<ActionReviewRequest, ActionReviewRequest>(request, meetingId, client, ActionReviews.Validate, c => RecordCommand<MeetingState>.Deciding(
            s => ActionReviews.Decide(s, item, c, loaded.With(s)),
            (s, summary) => MeetingFunctions.Acknowledgement(s, summary, 201, MeetingUrls.OutstandingActions(s.MeetingId))));
    }

    /// <summary>
    /// One action's history across meetings, by the meeting its ID names and its number ("OPSG 23/05" is OPSG_23's 5th),
    /// whether that meeting is a record here or not (imported actions name meetings held before the system).
    /// </summary>
    [Function("GetActionHistory")]
    [AllowRoles(Roles.Secas, Roles.OpsgMember, Roles.Dcc, Roles.Tag)]
    public async Task<IResult> History([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{meetingId}/actions/{number:int}")] HttpRequest request, string meetingId, int number)
    {
        var actionId = ReviewFacts.ActionId(meetingId, number);
        if (!ActionReviews.IsActionId(actionId))
            return Problems.From(Rejection.Invalid("meetingId", "A meeting as action IDs name it (OPSG_23, OPSG_29xxx) and a number from 1 to 99."));
        var actions = (await records.LoadAsync(request.HttpContext.RequestAborted)).Actions;
        if (actions.Find(actionId) is not { } action) return Problems.From(ActionReviews.NoSuchAction(actionId));
        ResponseHeaders.CaseJson(request.HttpContext.Response);
        return TypedResults.Json(ActionHistoryView.Of(action), RecordJson.Options);
    }

    /// <summary>What item 3 works through: every action raised before the meeting and open at its date, with its review here if any.</summary>
    [Function("GetOutstandingActions")]
    [AllowRoles(Roles.Secas, Roles.OpsgMember, Roles.Dcc, Roles.Tag)]
    public async Task<IResult> Outstanding([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{meetingId}/actions-outstanding")] HttpRequest request, string meetingId)
    {
        var loaded = await records.LoadAsync(request.HttpContext.RequestAborted);
        return await reads.ReadAsync(request, meetingId, state =>
        {
            ResponseHeaders.CaseJson(request.HttpContext.Response);
            return TypedResults.Json(OutstandingActions.Rows(state, loaded.With(state)), RecordJson.Options);
        });
    }
}
