package jp.nurture.leads.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.nurture.leads.core.activity.Activity;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.capture.CustomFields;
import jp.nurture.leads.core.capture.LeadCapture;
import jp.nurture.leads.core.capture.MergePolicy;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.lead.Lead;
import jp.nurture.leads.core.lead.LeadDossier;
import jp.nurture.leads.core.lead.LeadFilter;
import jp.nurture.leads.core.lead.LeadQueries;
import jp.nurture.leads.core.lead.LeadService;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.product.ProductNotFound;
import jp.nurture.leads.core.user.ApiClient;
import jp.nurture.leads.web.api.LeadViews.ActivityPage;
import jp.nurture.leads.web.api.LeadViews.ActivityView;
import jp.nurture.leads.web.api.LeadViews.CaptureResult;
import jp.nurture.leads.web.api.LeadViews.CompanyView;
import jp.nurture.leads.web.api.LeadViews.LeadDetail;
import jp.nurture.leads.web.api.LeadViews.LeadPage;
import jp.nurture.leads.web.api.LeadViews.LeadSummary;
import jp.nurture.leads.web.api.LeadViews.LeadView;
import jp.nurture.leads.web.api.LeadViews.PersonView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API for other systems (a CRM, a website backend): create or update leads, report activities, read
 * leads. Every call acts for the API key's products only; a lead of another product is "not found".
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Leads")
@SecurityRequirement(name = OpenApiConfiguration.API_KEY)
class LeadApiController {

    /** What other systems may report; stages, hand-offs and scores are this product's own business. */
    static final Set<ActivityType> REPORTABLE = Set.of(ActivityType.NOTE, ActivityType.CALL,
            ActivityType.EMAIL_OPENED, ActivityType.EMAIL_CLICKED, ActivityType.FORM_SUBMITTED,
            ActivityType.PAGE_VIEWED, ActivityType.DOCUMENT_DOWNLOADED, ActivityType.SEMINAR_ATTENDED,
            ActivityType.EXHIBITION_ATTENDED, ActivityType.WON, ActivityType.LOST);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final int MAX_PAGE = 200;

    private final LeadCapture capture;
    private final LeadService leads;
    private final LeadQueries queries;
    private final ActivityLog activities;
    private final CustomFields customFields;
    private final RequestBodies bodies;
    private final IdempotentRequests idempotent;
    private final JsonMapper json;
    private final Clock clock;

    LeadApiController(LeadCapture capture, LeadService leads, LeadQueries queries, ActivityLog activities,
            CustomFields customFields, RequestBodies bodies, IdempotentRequests idempotent, JsonMapper json,
            Clock clock) {
        this.capture = capture;
        this.leads = leads;
        this.queries = queries;
        this.activities = activities;
        this.customFields = customFields;
        this.bodies = bodies;
        this.idempotent = idempotent;
        this.json = json;
        this.clock = clock;
    }

    @Operation(summary = "Create or update a lead of the product",
            description = "The person is found by email, else external id, else company + name (+ phone); the "
                    + "company by its normalised name. 201 when the lead was created, 200 when it existed. Send an "
                    + "Idempotency-Key to make retries safe: the same key with the same body replays the first "
                    + "response, with another body it is refused (422).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content =
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = LeadInput.class))))
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = CaptureResult.class)))
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CaptureResult.class)))
    @PostMapping(path = "/products/{productId}/leads", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> captureLead(@PathVariable long productId,
            @Parameter(description = "Any unique text up to 200 characters, e.g. a UUID")
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
            @Parameter(hidden = true) @AuthenticationPrincipal ApiClient client, HttpServletRequest request) {
        if (!client.scope().allows(productId)) {
            throw new ProductNotFound(productId);
        }
        byte[] body = bodies.read(request);
        LeadInput input = bodies.parse(body, LeadInput.class);
        Map<String, String> values = values(input);
        ActivityType type = input.activityType() == null ? ActivityType.FORM_SUBMITTED : input.activityType();
        if (!REPORTABLE.contains(type)) {
            throw ApiProblem.invalid("activityType", "activityType");
        }
        Channel channel = input.lead() == null || input.lead().channel() == null ? Channel.API
                : input.lead().channel();
        String sourceDetail = input.lead() == null ? null : input.lead().sourceDetail();
        MergePolicy policy = input.mergePolicy() == null ? MergePolicy.FILL_EMPTY : input.mergePolicy();
        var response = idempotent.run(client.keyId(), idempotencyKey, "POST", request.getRequestURI(), body, () -> {
            LeadCapture.Captured captured = capture.capture(productId, values, channel, sourceDetail, type, policy);
            LeadView view = view(leads.dossier(captured.leadId(), client.scope()));
            return new IdempotentRequests.Response(
                    captured.outcome() == LeadCapture.Outcome.CREATED ? 201 : 200,
                    json.writeValueAsString(new CaptureResult(captured.outcome().name(), view)),
                    "/api/v1/leads/" + captured.leadId(), false);
        });
        return entity(response);
    }

    @Operation(summary = "Report an activity of a lead",
            description = "Recorded on the lead's timeline; scoring rescores the lead right after. Accepts an "
                    + "Idempotency-Key like lead creation.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content =
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ActivityInput.class))))
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @PostMapping(path = "/leads/{leadId}/activities", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> addActivity(@PathVariable long leadId,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
            @Parameter(hidden = true) @AuthenticationPrincipal ApiClient client, HttpServletRequest request) {
        Lead lead = leads.get(leadId, client.scope());
        byte[] body = bodies.read(request);
        ActivityInput input = bodies.parse(body, ActivityInput.class);
        if (!REPORTABLE.contains(input.type())) {
            throw ApiProblem.invalid("type", "activityType");
        }
        Instant now = clock.instant();
        Instant at = input.occurredAt() == null ? now : input.occurredAt();
        if (at.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw ApiProblem.invalid("occurredAt", "future");
        }
        Map<String, Object> detail = new LinkedHashMap<>(input.detail() == null ? Map.of() : input.detail());
        detail.put("apiKey", client.keyId());
        var response = idempotent.run(client.keyId(), idempotencyKey, "POST", request.getRequestURI(), body, () -> {
            long id = activities.record(new NewActivity(leadId, lead.getProductId(), input.type(), at, null, detail));
            return new IdempotentRequests.Response(201,
                    json.writeValueAsString(new ActivityView(id, input.type().name(), at, detail)),
                    "/api/v1/leads/" + leadId, false);
        });
        return entity(response);
    }

    @Operation(summary = "Read a lead with its score, stage and a page of its activities (newest first)")
    @GetMapping("/leads/{leadId}")
    LeadDetail lead(@PathVariable long leadId,
            @Parameter(description = "The next value of the previous page") @RequestParam(required = false)
            Long activitiesBefore,
            @RequestParam(defaultValue = "50") int activitiesSize,
            @Parameter(hidden = true) @AuthenticationPrincipal ApiClient client) {
        LeadDossier dossier = leads.dossier(leadId, client.scope());
        int size = pageSize(activitiesSize, "activitiesSize");
        List<Activity> page = activities.page(leadId, activitiesBefore, size + 1);
        List<ActivityView> items = page.stream().limit(size)
                .map(a -> new ActivityView(a.id(), a.type().name(), a.occurredAt(), a.detail())).toList();
        return new LeadDetail(view(dossier),
                new ActivityPage(items, page.size() > size ? items.get(size - 1).id() : null));
    }

    @Operation(summary = "List the product's leads, newest first")
    @GetMapping("/products/{productId}/leads")
    LeadPage leadsOf(@PathVariable long productId,
            @RequestParam(required = false) Stage stage,
            @Parameter(description = "The next value of the previous page") @RequestParam(required = false)
            Long before,
            @RequestParam(defaultValue = "50") int size,
            @Parameter(hidden = true) @AuthenticationPrincipal ApiClient client) {
        if (!client.scope().allows(productId)) {
            throw new ProductNotFound(productId);
        }
        var page = queries.list(new LeadFilter(productId, stage, null, null, before), client.scope(),
                pageSize(size, "size"));
        return new LeadPage(page.rows().stream()
                .map(r -> new LeadSummary(r.leadId(), r.personName(), r.companyName(), r.email(), r.stage().name(),
                        r.score(), r.hot(), r.ownerId(), r.version()))
                .toList(), page.nextBefore());
    }

    private static int pageSize(int size, String parameter) {
        if (size < 1 || size > MAX_PAGE) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "pageSize",
                    List.of(new ApiProblem.FieldProblem(parameter, "Size", 1, MAX_PAGE)), 1, MAX_PAGE);
        }
        return size;
    }

    private LeadView view(LeadDossier dossier) {
        Lead lead = dossier.lead();
        var p = dossier.person();
        var c = dossier.company();
        return new LeadView(lead.getId(), lead.getProductId(), lead.getStage().name(), lead.getScore(),
                lead.getFitScore(), lead.getEngagementScore(), lead.isHot(), lead.getOwnerId(),
                lead.getSourceChannel() == null ? null : lead.getSourceChannel().name(), lead.getSourceDetail(),
                lead.getPlannedAdoptionDate(), lead.getExpectedUsers(),
                json.readValue(customFields.valuesOf(lead.getId()), OBJECT),
                new PersonView(p.getId(), p.getFullName(), p.getKana(), p.getEmail(), p.getPhone(),
                        p.getDepartment(), p.getJobTitle()),
                c == null ? null : new CompanyView(c.getId(), c.getName(),
                        c.getIndustry() == null ? null : c.getIndustry().name(),
                        c.getPrefecture() == null ? null : c.getPrefecture().name(), c.isExistingCustomer()),
                lead.getCreatedAt(), lead.getVersion());
    }

    /** The request as the import's field keys, which the capture reads like one row of a file. */
    private static Map<String, String> values(LeadInput input) {
        Map<String, String> values = new LinkedHashMap<>();
        var p = input.person();
        put(values, "email", p.email());
        put(values, "external_id", p.externalId());
        put(values, "full_name", p.fullName());
        put(values, "last_name", p.lastName());
        put(values, "first_name", p.firstName());
        put(values, "kana", p.kana());
        put(values, "phone", p.phone());
        put(values, "department", p.department());
        put(values, "job_title", p.jobTitle());
        if (input.company() != null) {
            var c = input.company();
            put(values, "company", c.name());
            if (c.prefecture() != null && !c.prefecture().isBlank()) {
                Prefecture prefecture = Prefecture.parse(c.prefecture())
                        .orElseThrow(() -> ApiProblem.invalid("company.prefecture", "prefecture", c.prefecture()));
                put(values, "prefecture", prefecture.name());
            }
            put(values, "industry", c.industry() == null ? null : c.industry().name());
        }
        if (input.lead() != null) {
            var l = input.lead();
            put(values, "source_detail", l.sourceDetail());
            put(values, "planned_adoption_date", l.plannedAdoptionDate() == null ? null
                    : l.plannedAdoptionDate().toString());
            put(values, "expected_users", l.expectedUsers() == null ? null : l.expectedUsers().toString());
            if (l.custom() != null) {
                l.custom().forEach((key, value) -> {
                    String path = "lead.custom." + key;
                    put(values, "custom:" + key, customText(path, value));
                });
            }
        }
        return values;
    }

    /** A custom value as a file would hold it; objects and lists fit no custom field type. */
    private static String customText(String path, Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).toPlainString();
        }
        if (value instanceof Boolean bool) {
            return bool.toString();
        }
        throw ApiProblem.invalid(path, "type");
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    private static ResponseEntity<String> entity(IdempotentRequests.Response response) {
        var builder = ResponseEntity.status(response.status()).contentType(MediaType.APPLICATION_JSON);
        if (response.status() == 201 && response.location() != null) {
            builder.header("Location", response.location());
        }
        if (response.replayed()) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.body(response.body());
    }
}
