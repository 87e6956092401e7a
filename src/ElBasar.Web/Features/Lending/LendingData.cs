using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Lending;

public static class LendingData
{
    extension(ElBasarDbContext db)
    {
        public DbSet<LendingItem> LendingItems => db.Set<LendingItem>();
        public DbSet<LendingBlock> LendingBlocks => db.Set<LendingBlock>();
        public DbSet<Reservation> Reservations => db.Set<Reservation>();
        public DbSet<ReservationDay> ReservationDays => db.Set<ReservationDay>();
        public DbSet<ConditionPhoto> ConditionPhotos => db.Set<ConditionPhoto>();
    }
}
