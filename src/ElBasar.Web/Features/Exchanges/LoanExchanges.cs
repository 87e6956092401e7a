using ElBasar.Web.Features.Lending;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// A returned loan becomes an exchange at once: declared by the lender (non-market, measured in
/// days lent), for the borrowing organisation to confirm in one click. A person who borrowed for
/// themselves, without an organisation, has no side to confirm it: that loan stays in the lending
/// history only.
/// </summary>
sealed class LoanExchanges(ExchangeLedger ledger) : ILoanReturnedHandler
{
    public async Task ReturnedAsync(CompletedLoan loan, Guid recordedBy, CancellationToken ct)
    {
        if (loan.BorrowerOrganizationId is not { } borrower || borrower == loan.LenderOrganizationId) return;
        await ledger.DeclareLoanAsync(recordedBy, loan.LenderOrganizationId, borrower, loan.ReservationId, loan.DaysLent, loan.ReturnDate,
            $"Prêt : {loan.ItemTitle}", ct, loan.Category);
    }
}
