using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Listings;

public static class ListingsData
{
    extension(ElBasarDbContext db)
    {
        public DbSet<Listing> Listings => db.Set<Listing>();
        public DbSet<ListingExchangeMode> ListingExchangeModes => db.Set<ListingExchangeMode>();
        public DbSet<Photos.ListingPhoto> ListingPhotos => db.Set<Photos.ListingPhoto>();
        public DbSet<Category> Categories => db.Set<Category>();
        public DbSet<ExchangeMode> ExchangeModes => db.Set<ExchangeMode>();
        public DbSet<LegalForm> LegalForms => db.Set<LegalForm>();
    }
}
