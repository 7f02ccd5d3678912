using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Security;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Review;

/// <summary>SECAS runs the review: opens it, records the meeting, decisions, risks, actions and post-meeting notes.</summary>
public sealed class ReviewFunctions(CaseCommands commands, CaseReads reads, MeetingTable meetings)
{
    [Function("GetAction")]
    [AllowRoles(Roles.Dcc, Roles.Secas, Roles.OpsgMember, Roles.Tag)]
    public Task<IResult> ReadAction([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases/{caseId}/actions/{number:int}")] HttpRequest request, string caseId, int number) =>
        reads.ReadAsync(request, caseId, state =>
        {
            ResponseHeaders.CaseJson(request.HttpContext.Response);
            return Actions.ByNumber(state, number) is { } action
                ? TypedResults.Json(ActionView.Of(action), RecordJson.Options)
                : Problems.From(Actions.NoSuchAction(caseId, number));
        });

    [Function("OpenReview")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Open([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/review")] HttpRequest request, string caseId, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<OpenReviewRequest, OpenReviewRequest>(request, caseId, client, OpenReview.Validate, c => Acknowledged(s => OpenReview.Decide(s, c)));

    [Function("RecordMeeting")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Meeting([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "cases/{caseId}/meeting")] HttpRequest request, string caseId, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<MeetingRequest, MeetingRecorded>(request, caseId, client, RecordMeeting.Validate, c => Acknowledged(s => RecordMeeting.Decide(s, c)));

    [Function("RecordDecisions")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Decisions([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/decisions")] HttpRequest request, string caseId, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<DecisionsRequest, IReadOnlyList<CaseEvent>>(request, caseId, client, RecordDecisions.Validate, c => Acknowledged(s => RecordDecisions.Decide(s, c)));

    [Function("AddRisk")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Risk([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/risks")] HttpRequest request, string caseId, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<AddRiskRequest, RiskAdded>(request, caseId, client, AddRisk.Validate, c => Acknowledged(s => AddRisk.Decide(s, c)));

    /// <summary>
    /// The number comes from the meeting's counter, shared by every case reviewed at that meeting. A request with an
    /// Idempotency-Key reserves under that key in this case, so copies of it sent at once share one number.
    /// </summary>
    [Function("RaiseAction")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> RaiseAction([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/actions")] HttpRequest request, string caseId, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<RaiseActionRequest, RaiseActionRequest>(request, caseId, client, Actions.Validate, c => RecordCommand<CaseState>.Reserving(
            s => Actions.CanRaise(s, c),
            (s, token) => meetings.ReserveActionNumberAsync(Actions.NumberingMeeting(s), s.CaseId, ReservationKey(s, CaseCommands.IdempotencyKeyHash(request)), token),
            (s, number) => Actions.Raise(s, c, number),
            s =>
            {
                var raised = s.Actions[^1];
                return new CommandResponse(201, $"/api/cases/{s.CaseId}/actions/{raised.Raised.Number}", JsonSerializer.Serialize(ActionView.Of(raised), RecordJson.Options));
            }));

    [Function("ReviseActionTarget")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Revise([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/actions/{number:int}/target-revisions")] HttpRequest request, string caseId, int number, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<ReviseTargetRequest, ReviseTargetRequest>(request, caseId, client, Actions.ValidateRevision, c => Acknowledged(s => Actions.Revise(s, number, c)));

    [Function("NoteActionProgress")]
    [AllowRoles(Roles.Secas, Roles.Dcc)]
    public Task<IResult> Progress([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/actions/{number:int}/progress")] HttpRequest request, string caseId, int number, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<ActionProgressRequest, ActionProgressRequest>(request, caseId, client, Actions.ValidateProgress, c => Acknowledged(s => Actions.NoteProgress(s, number, c)));

    [Function("AddPostMeetingNote")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Note([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/notes")] HttpRequest request, string caseId, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<PostMeetingNoteRequest, PostMeetingNoteAdded>(request, caseId, client, PostMeetingNotes.Validate, c => Acknowledged(s => PostMeetingNotes.Decide(s, c)));

    /// <summary>One raise of this case (this very case: a purged id opened again is another), however often it is sent.</summary>
    private static string? ReservationKey(CaseState state, string? idempotencyKeyHash) =>
        idempotencyKeyHash is null
            ? null
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
                string.Join('\n', state.CaseId, state.CreatedTime.UtcTicks.ToString(CultureInfo.InvariantCulture), idempotencyKeyHash))))[..32];

    private static RecordCommand<CaseState> Acknowledged(Func<CaseState, Decision> decide) => RecordCommand<CaseState>.Deciding(decide, (s, summary) => Acknowledgement.Ok(s, summary));
}
