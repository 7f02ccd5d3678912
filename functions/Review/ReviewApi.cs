using System.Text.Json;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Security;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Review;

/// <summary>SECAS runs the review: opens it, records the meeting, decisions, risks, actions and post-meeting notes.</summary>
public static class ReviewApi
{
    public static IEndpointRouteBuilder MapReview(this IEndpointRouteBuilder app)
    {
        var review = app.MapGroup("/api/cases/{caseId}").WithTags("Review");
        review.MapGet("/review", Read).AllowRoles(Roles.Participants).Produces<ReviewView>().WithName("GetReview");
        review.MapPost("/review", Open).AllowRoles(Roles.Secas).Accepts<OpenReviewRequest>("application/json").WithName("OpenReview");
        review.MapPut("/meeting", Meeting).AllowRoles(Roles.Secas).Accepts<MeetingRequest>("application/json").WithName("RecordMeeting");
        review.MapPost("/decisions", Decisions).AllowRoles(Roles.Secas).Accepts<DecisionsRequest>("application/json").WithName("RecordDecisions");
        review.MapPost("/risks", Risk).AllowRoles(Roles.Secas).Accepts<AddRiskRequest>("application/json").WithName("AddRisk");
        review.MapPost("/actions", RaiseAction).AllowRoles(Roles.Secas).Accepts<RaiseActionRequest>("application/json").Produces<ReviewView.ActionRow>(201).WithName("RaiseAction");
        review.MapGet("/actions/{number:int}", ReadAction).AllowRoles(Roles.Participants).Produces<ReviewView.ActionRow>().WithName("GetAction");
        review.MapPost("/actions/{number:int}/target-revisions", Revise).AllowRoles(Roles.Secas).Accepts<ReviseTargetRequest>("application/json").WithName("ReviseActionTarget");
        review.MapPost("/actions/{number:int}/progress", Progress).AllowRoles(Roles.Secas, Roles.Dcc).Accepts<ActionProgressRequest>("application/json").WithName("NoteActionProgress");
        review.MapPost("/notes", Note).AllowRoles(Roles.Secas).Accepts<PostMeetingNoteRequest>("application/json").WithName("AddPostMeetingNote");
        return app;
    }

    private static async Task<IResult> Read(HttpContext http, string caseId, CaseStore store)
    {
        var state = await store.LoadAsync(caseId, http.RequestAborted);
        if (!state.Exists) return Problems.From(Rejection.NotFound(caseId));
        http.Response.Headers.ETag = CaseCommands.ETag(state.Version);
        return TypedResults.Json(ReviewView.From(state), EventCatalog.Json);
    }

    private static async Task<IResult> ReadAction(HttpContext http, string caseId, int number, CaseStore store)
    {
        var state = await store.LoadAsync(caseId, http.RequestAborted);
        if (!state.Exists) return Problems.From(Rejection.NotFound(caseId));
        return Actions.ByNumber(state, number) is { } action
            ? TypedResults.Json(ReviewView.Row(action), EventCatalog.Json)
            : Problems.From(Actions.NoSuchAction(caseId, number));
    }

    private static Task<IResult> Open(HttpContext http, string caseId, CaseCommands commands) =>
        commands.RunJsonAsync<OpenReviewRequest, OpenReviewRequest>(http, caseId, OpenReview.Validate, OpenReview.Decide, s => Acknowledgement.Ok(s));

    private static Task<IResult> Meeting(HttpContext http, string caseId, CaseCommands commands) =>
        commands.RunJsonAsync<MeetingRequest, MeetingRecorded>(http, caseId, RecordMeeting.Validate, RecordMeeting.Decide, s => Acknowledgement.Ok(s));

    private static Task<IResult> Decisions(HttpContext http, string caseId, CaseCommands commands) =>
        commands.RunJsonAsync<DecisionsRequest, IReadOnlyList<CaseEvent>>(http, caseId, RecordDecisions.Validate, RecordDecisions.Decide, s => Acknowledgement.Ok(s));

    private static Task<IResult> Risk(HttpContext http, string caseId, CaseCommands commands) =>
        commands.RunJsonAsync<AddRiskRequest, RiskAdded>(http, caseId, AddRisk.Validate, AddRisk.Decide, s => Acknowledgement.Ok(s));

    // The number comes from the meeting's counter, shared by every case reviewed at that meeting.
    private static Task<IResult> RaiseAction(HttpContext http, string caseId, CaseCommands commands, MeetingTable meetings) =>
        commands.RunJsonAsync<RaiseActionRequest, RaiseActionRequest, int>(http, caseId, Actions.Validate, Actions.CanRaise,
            (s, token) => meetings.ReserveActionNumberAsync(Actions.NumberingMeeting(s), token), Actions.Raise, s =>
            {
                var raised = s.Actions[^1];
                return new CommandResponse(201, $"/api/cases/{s.CaseId}/actions/{raised.Raised.Number}", JsonSerializer.Serialize(ReviewView.Row(raised), EventCatalog.Json));
            });

    private static Task<IResult> Revise(HttpContext http, string caseId, int number, CaseCommands commands) =>
        commands.RunJsonAsync<ReviseTargetRequest, ReviseTargetRequest>(http, caseId, Actions.ValidateRevision, (s, c) => Actions.Revise(s, number, c), s => Acknowledgement.Ok(s));

    private static Task<IResult> Progress(HttpContext http, string caseId, int number, CaseCommands commands) =>
        commands.RunJsonAsync<ActionProgressRequest, ActionProgressRequest>(http, caseId, Actions.ValidateProgress, (s, c) => Actions.NoteProgress(s, number, c), s => Acknowledgement.Ok(s));

    private static Task<IResult> Note(HttpContext http, string caseId, CaseCommands commands) =>
        commands.RunJsonAsync<PostMeetingNoteRequest, PostMeetingNoteAdded>(http, caseId, PostMeetingNotes.Validate, PostMeetingNotes.Decide, s => Acknowledgement.Ok(s));
}
