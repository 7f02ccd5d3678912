namespace Opsg.Functions.Reports;

/// <summary>The documents the service renders; each is a template in templates/ of the same name.</summary>
public static class ReportKinds
{
    public const string ReadinessPack = "readiness-pack";
    public const string DraftMinutes = "draft-minutes";
    public const string PanelReport = "panel-report";
    public const string ActionsRegister = "actions-register";

    public static readonly IReadOnlyList<string> All = [ReadinessPack, DraftMinutes, PanelReport, ActionsRegister];
}
