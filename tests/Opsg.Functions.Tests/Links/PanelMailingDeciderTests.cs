using Opsg.Functions.Cases;
using Opsg.Functions.Links;
using Opsg.Functions.Mail;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Steps;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Links;

/// <summary>The pure parts of emailing the Panel its link: the distribution list, the policy, the message's two parts.</summary>
public sealed class PanelMailingDeciderTests
{
    private static readonly MailRecipient Chair = new("Panel Chair", "chair@panel.example");

    [Fact]
    public void GivenADistributionListSetting_WhenParsed_ThenEachEntryIsANameAndAnAddress()
    {
        var list = MailRecipients.ParseDistributionList(" Panel Chair <chair@panel.example>;Panel Secretary <secretary@panel.example> ;");

        Assert.Equal([new RecipientRequest("Panel Chair ", "chair@panel.example"), new RecipientRequest("Panel Secretary ", "secretary@panel.example")], list);
        var (recipients, _, rejection) = PanelMailing.Validate(new PanelMailingRequest(null, null), list);
        Assert.Null(rejection);
        Assert.Equal(["Panel Chair", "Panel Secretary"], recipients.Select(r => r.Name));
    }

    [Fact]
    public void GivenNoRecipientsAndNoList_WhenValidated_ThenRefused()
    {
        var (_, _, rejection) = PanelMailing.Validate(new PanelMailingRequest([], null), []);

        Assert.Equal(400, rejection?.Status);
        Assert.Contains("recipients", rejection!.Errors!.Keys);
    }

    [Fact]
    public void GivenTheSameAddressTwice_WhenValidated_ThenRefused()
    {
        var (_, _, rejection) = PanelMailing.Validate(new PanelMailingRequest([new("A", "x@panel.example"), new("B", "X@Panel.example")], null), []);

        Assert.Equal(400, rejection?.Status);
    }

    [Fact]
    public void GivenAMailingRequested_WhenThePolicyReacts_ThenTheSendPanelLinksStepIsScheduled()
    {
        var requested = new PanelMailingRequested([Chair], DateTimeOffset.UnixEpoch.AddDays(14));

        var follow = Assert.Single(CaseProcess.Next(CaseState.Empty(""), CaseState.Empty(""), requested, DateTimeOffset.UnixEpoch));

        Assert.Equal(PanelMailing.SendLinksStep, Assert.IsType<ActivityScheduled>(follow).Name);
    }

    [Fact]
    public void GivenHostileTextInTheTitle_WhenTheEmailIsComposed_ThenTheHtmlCarriesItEncoded_TheTextAsWritten_AndTheClassificationComesFirst()
    {
        var mail = PanelLinkEmail.Compose(SampleMails.Renderer, Chair, "Cohort \"A\" & 'B' <img src=x onerror=alert(1)>\r\nBcc: x@evil.example",
            Classification.NotForPublication, new DateTimeOffset(2020, 3, 20, 17, 0, 0, TimeSpan.Zero), "http://127.0.0.1:7071/api/links/abc");

        Assert.DoesNotContain("<img", mail.Html, StringComparison.Ordinal);
        Assert.Contains("Cohort &quot;A&quot; &amp; &#39;B&#39; &lt;img src&#61;x onerror&#61;alert(1)&gt; Bcc: x@evil.example", mail.Html, StringComparison.Ordinal);
        Assert.Contains("Cohort \"A\" & 'B' <img src=x onerror=alert(1)> Bcc: x@evil.example", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', mail.Subject);
        Assert.StartsWith("[NOT FOR PUBLICATION]", mail.Subject, StringComparison.Ordinal);
        Assert.StartsWith("Classification: NOT FOR PUBLICATION", mail.Text, StringComparison.Ordinal);
        Assert.Contains("20 March 2020 at 17:00 UTC", mail.Text, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:7071/api/links/abc", mail.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"http://127.0.0.1:7071/api/links/abc\"", mail.Html, StringComparison.Ordinal);
    }
}
