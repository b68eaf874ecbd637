package jp.nurture.leads.web.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the API answers: leads with score and stage, pages of leads and of activities. */
final class LeadViews {

    private LeadViews() {
    }

    @Schema(name = "Lead")
    record LeadView(long id, long productId, String stage, int score, int fitScore, int engagementScore, boolean hot,
            Long ownerId, String channel, String sourceDetail, LocalDate plannedAdoptionDate, Integer expectedUsers,
            Map<String, Object> custom, PersonView person, CompanyView company, Instant createdAt, long version) {
    }

    @Schema(name = "Person")
    record PersonView(long id, String fullName, String kana, String email, String phone,
            String department, String jobTitle) {
    }

    @Schema(name = "Company")
    record CompanyView(long id, String name, String industry, String prefecture, boolean existingCustomer) {
    }

    @Schema(name = "LeadDetail", description = "A lead with one page of its timeline, newest first.")
    record LeadDetail(LeadView lead, ActivityPage activities) {
    }

    @Schema(name = "CaptureResult", description = "What the call did (CREATED, UPDATED or UNCHANGED) and the lead.")
    record CaptureResult(String outcome, LeadView lead) {
    }

    @Schema(name = "Activity")
    record ActivityView(long id, String type, Instant occurredAt, Map<String, Object> detail) {
    }

    @Schema(name = "ActivityPage", description = "next: pass as activitiesBefore for the next page; null on the last.")
    record ActivityPage(List<ActivityView> items, Long next) {
    }

    @Schema(name = "LeadSummary")
    record LeadSummary(long id, String personName, String companyName, String email, String stage, int score,
            boolean hot, Long ownerId, long version) {
    }

    @Schema(name = "LeadPage", description = "next: pass as before for the next page; null on the last.")
    record LeadPage(List<LeadSummary> items, Long next) {
    }
}
