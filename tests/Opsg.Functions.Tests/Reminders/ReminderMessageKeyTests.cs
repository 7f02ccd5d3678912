using System.Text.RegularExpressions;
using Opsg.Functions.Reminders;

namespace Opsg.Functions.Tests.Reminders;

/// <summary>A reminder's email keeps one Message-Id per reminder and person, so a resend after a crash is the same message.</summary>
public sealed partial class ReminderMessageKeyTests
{
    private const string CaseId = "4f1c0d2e9a8b4c7d8e6f5a4b3c2d1e0f";
    private const string Reminder = "action-OPSG-29xxx-02-r0";

    [Fact]
    public void GivenTheSameReminderAndPerson_ThenTheSameKey_WhateverTheAddressCase() =>
        Assert.Equal(ReminderEmail.MessageKey(CaseId, Reminder, "contact@dcc.example"), ReminderEmail.MessageKey(CaseId, Reminder, "Contact@DCC.example"));

    [Theory]
    [InlineData(CaseId, "action-OPSG-29xxx-03-r0", "contact@dcc.example")] // another reminder
    [InlineData(CaseId, "action-OPSG-29xxx-02-r1", "contact@dcc.example")] // the revised target's reminder
    [InlineData(CaseId, Reminder, "secretary@secas.example")] // another person
    [InlineData("0f1c0d2e9a8b4c7d8e6f5a4b3c2d1e0f", Reminder, "contact@dcc.example")] // another case
    public void GivenAnythingElse_ThenAnotherKey(string caseId, string reminder, string address) =>
        Assert.NotEqual(ReminderEmail.MessageKey(CaseId, Reminder, "contact@dcc.example"), ReminderEmail.MessageKey(caseId, reminder, address));

    [Theory]
    [InlineData("meeting-OPSG_29xxx-2020-02-28")]
    [InlineData("report-due <x>@\"y\" z")]
    public void GivenAnyReminderId_ThenTheKeyIsADotAtomWithoutTheAddress(string reminder)
    {
        var key = ReminderEmail.MessageKey(CaseId, reminder, "contact@dcc.example");
        Assert.Matches(DotAtom(), key);
        Assert.DoesNotContain("dcc", key, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$")]
    private static partial Regex DotAtom();
}
