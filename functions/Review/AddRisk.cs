using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Review;

public sealed record AddRiskRequest(int? Number, string? Title, string? Explanation, string? RaisedBy);

/// <summary>A residual risk raised at review by someone other than the DCC, e.g. SECAS proposing risks 12 and 13.</summary>
public static class AddRisk
{
    public static (RiskAdded? Event, Rejection? Rejection) Validate(AddRiskRequest request)
    {
        var v = new Validator();
        var number = v.Required(request.Number, "number");
        v.Check(number is >= 1 and <= 999, "number", "Risk numbers run from 1 to 999.");
        var added = new RiskAdded(number, v.Text(request.Title, "title"), v.Text(request.Explanation, "explanation", Validator.MaxLongText), v.Text(request.RaisedBy, "raisedBy", 100));
        return v.ToRejection() is { } rejection ? (null, rejection) : (added, null);
    }

    public static Decision Decide(CaseState state, RiskAdded risk)
    {
        if (CaseRules.Live(state) is { } refused) return refused;
        if (state.ReviewOpened is null) return Rejection.OutOfOrder("Open the review first (POST /review).");
        if (state.MinutesApproved is not null) return Rejection.OutOfOrder("The minutes were approved as final; the record is closed.");
        return ReviewFacts.RiskNumbers(state).Contains(risk.Number)
            ? Rejection.Invalid("number", $"Risk {risk.Number} already exists; numbers are never reused.")
            : Decision.Accept(risk);
    }
}
