using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Mail;
using Opsg.Functions.Records;
using Opsg.Functions.Security;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Links;

public sealed record ValidMailing(IReadOnlyList<MailRecipient> Recipients, DateTimeOffset? ExpiresAt);

/// <summary>SECAS has the Panel's link emailed; the case orchestration sends it (GET the case to follow the step).</summary>
public sealed class PanelMailingFunctions(CaseCommands commands, IOptions<MailOptions> options, TimeProvider clock)
{
    [Function("RequestPanelMailing")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Send(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/panel-mailings")] HttpRequest request,
        string caseId,
        [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<PanelMailingRequest, ValidMailing>(request, caseId, client, Validate, mailing =>
        {
            var now = clock.GetUtcNow();
            var expiresAt = (mailing.ExpiresAt ?? now + PanelMailing.DefaultLifetime).ToUniversalTime();
            return RecordCommand<CaseState>.Deciding(
                state => PanelMailing.Decide(state, mailing.Recipients, expiresAt, now),
                state => new CommandResponse(202, null, JsonSerializer.Serialize(Answer(state, mailing.Recipients, expiresAt), RecordJson.Options)));
        });

    private (ValidMailing?, Rejection?) Validate(PanelMailingRequest body)
    {
        var (recipients, expiresAt, rejection) = PanelMailing.Validate(body, MailRecipients.ParseDistributionList(options.Value.PanelRecipients));
        return rejection is null ? (new ValidMailing(recipients, expiresAt), null) : (null, rejection);
    }

    // The answer names who will be sent what; the tokens exist only in the emails.
    private static object Answer(CaseState state, IReadOnlyList<MailRecipient> recipients, DateTimeOffset expiresAt) => new
    {
        mailing = state.Activities.Values.Last(a => a.Scheduled.Name == PanelMailing.SendLinksStep).Sequence,
        recipients = recipients.Select(r => new { r.Name, r.Address }),
        expiresAt,
        status = $"/api/cases/{state.CaseId}",
    };
}
