/**
 * GENERATED from the service's OpenAPI document (GET /docs-json) by openapi-typescript.
 * Do not edit: run `npm run console:schema` (test/console-schema.e2e-spec.ts checks it is current).
 */

export interface paths {
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log, newest first, cursor-paginated
         * @description Every chain (units, donors, freezers, release requests, users, integrations), filtered by `din`, `chain`, `actor`, `action` and a `from`/`to` time window; `nextCursor` fetches the next page. Personal data is redacted for roles that may not read it (21 CFR Part 11.10(e)).
         *
         *     **Who may call it:** Roles (bearer token): `quality_assurance`, `auditor`; `admin`: reads.
         */
        get: operations["AuditController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Staff login: returns a bearer token
         * @description Send `Authorization: Bearer <accessToken>` on every other staff call; the token expires after `expiresIn` seconds. After LOGIN_MAX_FAILURES wrong passwords the account is locked for LOGIN_LOCKOUT_SECONDS (429 with Retry-After); the lockout is an audit entry (21 CFR Part 11.300(d)).
         *
         *     **Who may call it:** Public: no credentials needed.
         */
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change your own password (every staff role); replaces a one-time password
         * @description The current password is checked again (a wrong one is 401 and counts toward the lockout). A one-time password (set by an administrator, or generated at first start) must be replaced here first: until then its token reaches only this route (403 PASSWORD_CHANGE_REQUIRED elsewhere). The change is audited on the user's chain (without secrets) and ends every session of the account; the answer carries a new token.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        post: operations["AuthController_changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/collections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a birth collection; creates its cord blood unit
         * @description Assigns the next ISBT 128 DIN (facility + year + sequence, with its ISO 7064 Mod 37-2 check character), or takes the DIN pre-printed on the kit (`din`, checked; it must carry this bank's facility id). The unit starts as `collected`.
         *
         *     **Who may call it:** Roles (bearer token): `coordinator`.
         */
        post: operations["CollectionsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/collections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A collection with its unit
         * @description The birth record (hospital, collector, birth and collection times, delivery, gestational age, method, kit lot, volumes) and the unit it created.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["CollectionsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/donors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search donors by donor number or name
         * @description Paginated. `search` matches a donor number, or the start of a first or last name; names are searched and returned only for roles that may read personal data.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["DonorsController_list"];
        put?: never;
        /**
         * Register a donor (the birth mother)
         * @description The bank assigns the donor number (`D0000001`). Names, birth date and contact are personal data (DESIGN.md section 6); the donor's changes are audited on `donor:<id>`.
         *
         *     **Who may call it:** Roles (bearer token): `coordinator`.
         */
        post: operations["DonorsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/donors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A donor with consents, screenings, IDM results and units
         * @description Personal data (names, birth date, contact, ethnicity) only for admin, coordinator and medical director; other roles see the donor number.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["DonorsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Correct recorded donor data, with a reason
         * @description Send the reason and only the fields that change; the old values stay in the donor's audit trail (21 CFR Part 11.10(e)).
         *
         *     **Who may call it:** Roles (bearer token): `coordinator`.
         */
        patch: operations["DonorsController_correct"];
        trace?: never;
    };
    "/api/v1/donors/{id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The donor's audit trail
         * @description Donor data, consents, screenings and IDM results, oldest first, hash-chained; personal data is redacted for roles that may not read it (the stored entry and its hash are untouched).
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["DonorsController_trail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/donors/{id}/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the donor's audit hash chain
         * @description Recomputes the SHA-256 chain of `donor:<id>`; `valid: false` names the first entry that does not match.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["DonorsController_verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/donors/{id}/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a signed consent
         * @description public_donation, family_storage or research, with the form version and when it was signed. A public unit needs an active public_donation consent to be released, a family unit a family_storage one.
         *
         *     **Who may call it:** Roles (bearer token): `coordinator`.
         */
        post: operations["DonorsController_addConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/donors/{id}/consents/{consentId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw a consent, with a reason
         * @description The consent record stays (withdrawn, with reason); the donor's available and reserved units go on hold in the same transaction, and release is blocked.
         *
         *     **Who may call it:** Roles (bearer token): `coordinator`.
         */
        post: operations["DonorsController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/donors/{id}/eligibility": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Donor eligibility (21 CFR 1271)
         * @description Computed on every call, never stored: eligible, ineligible or incomplete, with every reason (missing or reactive markers, samples outside the 7-day window, deferrals), against the latest collection.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["DonorsController_eligibility"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/donors/{id}/infectious-disease-tests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a maternal infectious disease marker result
         * @description One marker of the 21 CFR 1271.85 panel (or CMV). It counts for eligibility when its sample was drawn within 7 days of the collection; a positive or indeterminate required marker makes the donor ineligible and holds available units.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`.
         */
        post: operations["DonorsController_addIdm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/donors/{id}/screenings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the medical and behavioural history questionnaire
         * @description Questionnaire version, completion time and deferral reasons (empty = acceptable). The latest screening counts for eligibility; a deferral makes the donor ineligible (21 CFR 1271.75).
         *
         *     **Who may call it:** Roles (bearer token): `coordinator`.
         */
        post: operations["DonorsController_addScreening"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness: the process answers
         * @description For a load balancer or orchestrator: 200 while the process runs; it does not touch the database (see /health/ready).
         *
         *     **Who may call it:** Public: no credentials needed.
         */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: database reachable, migrations applied
         * @description Send traffic only when this is 200: the database answers and every migration of this build is applied. 503 (problem+json) otherwise; it recovers by itself when the database returns.
         *
         *     **Who may call it:** Public: no credentials needed.
         */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List lab integrations
         * @description Each integration with the first characters of its key (to recognise it) and when it was revoked; never the key.
         *
         *     **Who may call it:** Roles (bearer token): `admin`.
         */
        get: operations["IntegrationsController_list"];
        put?: never;
        /**
         * Register a lab integration; the API key is shown once
         * @description The key (`apiKey`) is returned only in this answer; the bank keeps its SHA-256. The integration sends it as `X-API-Key` to POST /lab/events and can reach nothing else. Audited on `integration:<id>`.
         *
         *     **Who may call it:** Roles (bearer token): `admin`.
         */
        post: operations["IntegrationsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integrations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an integration key
         * @description Effective at once: the key is looked up on every request. The integration and the events it sent stay; revoking is an audit entry.
         *
         *     **Who may call it:** Roles (bearer token): `admin`.
         */
        delete: operations["IntegrationsController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Received lab events, newest first
         * @description Filtered by `status` and `type`; `status=parked` lists those waiting for their unit or donor. Each with its integration, outcome and problem.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`, `quality_assurance`, `auditor`; `admin`: reads.
         */
        get: operations["LabEventsController_list"];
        put?: never;
        /**
         * Post one lab event, or {events: [...]} with up to 500 (integrations, X-API-Key)
         * @description `eventId` is unique per integration; a retry with the same body (same canonical JSON: key order and spacing do not matter) answers 200 with the first answer (headers Idempotent-Replayed: true and X-Lab-Event-Status: the current status), with another body 409. A single event answers 201 when applied, 202 when parked (its unit or donor is not known yet: it is applied when it is created), 422 when invalid (not stored), and 409 (state conflict) or 422 (unknown freezer) with `labEventId` and `eventStatus: "rejected"` when it is kept but its subject can not take it. A batch answers 200 with one result per event, in order. An older result arriving after a newer one is kept in the history (`superseded: true`) without replacing the current value. Bodies over 1 MiB are 413; the rate limit per integration answers 429 with Retry-After (a batch counts each event).
         *
         *     **Who may call it:** Lab integrations only, with their `X-API-Key` (a staff token is refused, 403).
         */
        post: operations["LabEventsController_receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One received lab event
         * @description The event exactly as received (raw body and its hash), its integration, status (applied, parked, rejected) and the problem when it did not apply.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`, `quality_assurance`, `auditor`; `admin`: reads.
         */
        get: operations["LabEventsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/events/{id}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dismiss a parked event, with a reason (QA, lab technician)
         * @description DESIGN.md section 7: a parked event that will not be applied is set aside. It stays stored as received, with status `dismissed` and who, when and why; the dismissal is on the event’s audit chain (`lab_event:<id>`). Only a parked event can be dismissed (409 otherwise); a dismissed event is never applied.
         *
         *     **Who may call it:** Roles (bearer token): `quality_assurance`, `lab_technician`.
         */
        post: operations["LabEventsController_dismiss"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/events/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a parked or rejected event again
         * @description Answers 200 with the event and its new outcome (applied, or still parked/rejected with the problem). An applied event is 409: it is never applied twice.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`.
         */
        post: operations["LabEventsController_replay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/release-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Release requests, newest first
         * @description Optionally by status, paginated. The patient identifier and diagnosis only for admin, coordinator and medical director.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["ReleaseRequestsController_list"];
        put?: never;
        /**
         * Submit a release request
         * @description From a transplant centre or a family: facility, physician, patient (identifier, weight, diagnosis, HLA), intended use and needed-by date. Patient HLA is required for allogeneic_transplant and clinical_trial. Numbered RR000001 …, audited on its own chain.
         *
         *     **Who may call it:** Roles (bearer token): `coordinator`.
         */
        post: operations["ReleaseRequestsController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/release-requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One release request
         * @description With its unit, reservation (match grade, dose), approval, shipment, delivery, outcome, the actions allowed next and its history (the audit chain of the request).
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["ReleaseRequestsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/release-requests/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release approval, e-signed
         * @description The medical director approves the reserved unit for this patient with an e-signature (21 CFR Part 11.200); the release criteria are checked again.
         *
         *     **Who may call it:** Roles (bearer token): `medical_director`.
         */
        post: operations["ReleaseRequestsController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/release-requests/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel the request before shipping
         * @description With a reason; a reserved unit returns to available, or goes on hold if its release criteria now fail (e.g. an excursion during the reservation).
         *
         *     **Who may call it:** Roles (bearer token): `coordinator`.
         */
        post: operations["ReleaseRequestsController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/release-requests/{id}/deliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record delivery to the requesting facility
         * @description Who received it and when (after dispatch), and whether the shipper temperature log was within limits; a delivery with `temperatureOk: false` is recorded and the unit is still delivered.
         *
         *     **Who may call it:** Roles (bearer token): `coordinator`.
         */
        post: operations["ReleaseRequestsController_deliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/release-requests/{id}/outcome": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the infusion
         * @description The infusion time (after receipt) and notes; the unit becomes `infused` and the request `completed`.
         *
         *     **Who may call it:** Roles (bearer token): `coordinator`.
         */
        post: operations["ReleaseRequestsController_outcome"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/release-requests/{id}/reserve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reserve a unit for the request
         * @description The unit must be available with its release criteria met, its use allowed (family units for family uses), graded ≥ 4/6 for unrelated use, and ≥ 2.5 × 10^7 TNC/kg or given an overrideReason. A unit is reserved by one request only, under any number of concurrent calls and app instances; the others get 409.
         *
         *     **Who may call it:** Roles (bearer token): `coordinator`.
         */
        post: operations["ReleaseRequestsController_reserve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/release-requests/{id}/ship": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ship the approved unit
         * @description Retrieves the unit from storage and hands it to the courier, with dry shipper and temperature logger ids; two custody events. Release criteria are checked again; `dispatchedAt` must follow the approval.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`.
         */
        post: operations["ReleaseRequestsController_ship"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search/units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Available units for a patient, ranked by HLA match grade (A, B antigen; DRB1 allele), then TNC/kg
         * @description Only units whose release is allowed now (available, not reserved, no unreviewed excursion). Mismatches per locus are the larger of the graft-versus-host and host-versus-graft counts; each hit names the mismatched loci and the direction. A dose warning is set below 2.5 × 10^7 TNC/kg. Family units appear only in autologous or directed_family searches with their donorId.
         *
         *     **Who may call it:** Roles (bearer token): `coordinator`, `medical_director`.
         */
        post: operations["SearchController_units"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/storage/boxes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The box grid
         * @description Row by row, column by column, each position with its label (F01-R03-B07-C4) and its unit (DIN, check character, status) or empty.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["StorageController_getBox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/storage/excursions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Temperature excursions
         * @description Open and closed, newest first, with peak temperature, the units affected and how many of them QA has not reviewed yet.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["StorageController_listExcursions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/storage/excursions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One excursion with the units affected
         * @description Every unit the excursion reached, paginated by DIN, with where it was and its QA review (outcome, reviewer, reason).
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["StorageController_getExcursion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/storage/excursions/{id}/units/{din}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * QA review of an excursion for one unit, e-signed
         * @description Once the excursion is closed: `acceptable` or `unacceptable`, with a reason and an e-signature (21 CFR Part 11.200). Until accepted, the database refuses `available` and `shipped` for the unit.
         *
         *     **Who may call it:** Roles (bearer token): `quality_assurance`.
         */
        post: operations["StorageController_review"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/storage/free-positions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Free positions, in a stable order
         * @description Of in-service freezers (or one `freezerId`), in freezer, rack, box, row, column order, cursor-paginated: where the next unit goes.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["StorageController_freePositions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/storage/freezers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Freezers with occupancy
         * @description In creation order, each with used and free positions, whether it is in service, its open excursion and its last temperature reading.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["StorageController_listFreezers"];
        put?: never;
        /**
         * Create a freezer with its racks, boxes and positions
         * @description Liquid nitrogen, vapour phase or mechanical, with its temperature limit (default −150 °C) and layout; codes F01, F02 … in creation order; at most 100,000 positions. Layout and limit are fixed once created.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`.
         */
        post: operations["StorageController_createFreezer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/storage/freezers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One freezer with occupancy per rack and box
         * @description Addressed by id, code (F01) or name; used and free positions per rack and per box, for the freezer map.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["StorageController_getFreezer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename a freezer, or take it out of or back into service
         * @description Out of service: no new placements (the database refuses them); units already there stay, readings and excursions go on. A change of service needs a reason; freezer changes are audited on `freezer:<id>`.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`.
         */
        patch: operations["StorageController_updateFreezer"];
        trace?: never;
    };
    "/api/v1/storage/freezers/{id}/temperatures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Temperature readings of a freezer
         * @description Newest first, between `from` (inclusive) and `to` (exclusive), cursor-paginated, each with its source (staff or lab event) and whether it was above the limit.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["StorageController_temperatures"];
        put?: never;
        /**
         * Record a temperature reading of a freezer
         * @description A reading above the limit opens an excursion recorded on every unit in the freezer (available units go on hold); one within the limit closes it. A late, older reading is judged against the history.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`.
         */
        post: operations["StorageController_addReading"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List units by status, banking type or freezer
         * @description Paginated (`page`, `pageSize`, `total`), in DIN order: the inventory view, e.g. `status=quarantine` for the QA backlog or `freezerId` for a freezer's contents.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["UnitsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/{din}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The whole unit
         * @description Status and the transitions allowed from it, collection, processing, ABO/Rh, HLA, sterility, acceptance flags, storage position, current custodian, excursions, reservation and what still blocks release.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["UnitsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Correct recorded data of a unit, with a reason
         * @description Results and collection data, never status. The audit entry keeps the old and new values and the reason (21 CFR Part 11.10(e)); a correction that breaks a release criterion holds an available unit.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`, `quality_assurance`.
         */
        patch: operations["UnitsController_correct"];
        trace?: never;
    };
    "/api/v1/units/{din}/abo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * ABO/Rh typing of a unit
         * @description ABO group and RhD; shown on the unit and its labels. A newer typing replaces an older one; every typing stays in the audit trail.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`.
         */
        post: operations["UnitsController_abo"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/{din}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A unit's audit trail, oldest first
         * @description Every change to the unit and what belongs to it, with actor, time (database clock), reason, before/after values, e-signature and the hash chain (seq, prevHash, hash), written by the database in the same transaction as the change.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["AuditController_trail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/{din}/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the unit's audit hash chain
         * @description Recomputes SHA-256 over every entry and its predecessor; `valid: false` names the first entry that does not match (`firstInvalidSeq`), and a deleted tail entry is caught by the chain head.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["AuditController_verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/{din}/custody": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The unit's chain of custody
         * @description Every handover in order, from collection to delivery; `complete` is true when every event's `from` is the previous event's `to`.
         *
         *     **Who may call it:** Any staff role (bearer token): `admin`, `coordinator`, `lab_technician`, `quality_assurance`, `medical_director`, `auditor`.
         */
        get: operations["CustodyController_chain"];
        put?: never;
        /**
         * Record a manual handover of a unit
         * @description `from` must be the current custodian exactly (409 naming it otherwise); a unit still in a freezer position must be retrieved first. A time in the future or before the previous handover is 422.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`.
         */
        post: operations["CustodyController_handover"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/{din}/hla": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * HLA typing of a unit
         * @description A, B and DRB1 required, C and DQB1 optional; two alleles per locus written like `02:01` (the same twice when homozygous). A public unit needs it before release; search grades against it.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`.
         */
        post: operations["UnitsController_hla"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/{din}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a stored unit to another position
         * @description With a reason; the old position is freed and the new one taken in one transaction, and the move is on the unit's audit trail and custody chain.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`.
         */
        post: operations["UnitStorageController_move"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/{din}/processing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Processing results: received → processed
         * @description Volume, TNC, CD34+, viability and optional CFU/NRBC counts. A result older than the one recorded is kept in the history without replacing the current value.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`.
         */
        post: operations["UnitsController_processing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/{din}/receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receipt at the laboratory: collected → received
         * @description The lab becomes the custodian. Arrivals later than ACCEPT_MAX_TRANSIT_HOURS after collection, out of temperature, or below the volume minimum are flagged for QA (FACT-NetCord acceptance criteria).
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`.
         */
        post: operations["UnitsController_receipt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/{din}/retrieve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a unit out of storage
         * @description Reason `shipping` (a reserved unit), `discard` (a discarded unit) or `testing` (quarantine or on hold); an available unit is never retrieved. The lab (or the party given) becomes the custodian.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`.
         */
        post: operations["UnitStorageController_retrieve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/{din}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * QA status transition of a unit
         * @description quarantine, available (e-signed; every release criterion must hold, else 409 listing the unmet ones), on_hold, release of a hold (`to` = the state before it), discarded (e-signed), rejected. A forbidden transition is 409 naming the allowed ones. The signer, time and meaning go into the audit entry (21 CFR Part 11.200).
         *
         *     **Who may call it:** Roles (bearer token): `quality_assurance`.
         */
        post: operations["UnitsController_status"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/{din}/sterility": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sterility cultures (aerobic, anaerobic)
         * @description Both cultures negative is a release criterion; a positive culture blocks release (and holds an available unit), with the organism grown.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`.
         */
        post: operations["UnitsController_sterility"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/{din}/storage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Store a unit in a freezer position
         * @description `{positionId}` (id or label) or `{freezerId}` for its first free position. One unit per position and one position per unit, decided by the database (409 POSITION_TAKEN); a processed unit goes to quarantine.
         *
         *     **Who may call it:** Roles (bearer token): `lab_technician`.
         */
        post: operations["UnitStorageController_store"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List staff users
         * @description Every staff account with its roles, whether it is active, who is locked out (lockedUntil) and who still has a one-time password (mustChangePassword); never a password or its hash.
         *
         *     **Who may call it:** Roles (bearer token): `admin`.
         */
        get: operations["UsersController_list"];
        put?: never;
        /**
         * Create a staff user with roles
         * @description Roles as in DESIGN.md section 6; a user may hold several. The e-mail is unique (409 otherwise). The password is one-time: the user replaces it at the first login (POST /auth/password). Creating a user is an entry on the account's audit chain (`user:<id>`), without the password.
         *
         *     **Who may call it:** Roles (bearer token): `admin`.
         */
        post: operations["UsersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a user's name, roles, password or active flag
         * @description Send only what changes. Each change (a reset password shows as `[changed]`) is an entry on the account's audit chain (21 CFR Part 11.10(d)); a password given here is a reset: one-time, to be replaced by the user at the next login; a role change, deactivation or reset ends the user's sessions at once.
         *
         *     **Who may call it:** Roles (bearer token): `admin`.
         */
        patch: operations["UsersController_update"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AboTypedData: {
            /**
             * @example O
             * @enum {string}
             */
            abo: "O" | "A" | "B" | "AB";
            /**
             * @example positive
             * @enum {string}
             */
            rh: "positive" | "negative";
        };
        AboTypingDto: {
            /** @enum {string} */
            abo: "O" | "A" | "B" | "AB";
            /** @enum {string} */
            rh: "positive" | "negative";
            /**
             * @description when the typing was reported; default now
             * @example 2026-03-11T11:05:00Z
             */
            typedAt?: string;
        };
        ApprovalView: {
            approvedAt: string;
            approvedBy: components["schemas"]["SignerView"];
            meaning: string;
        };
        ApproveDto: {
            signature: components["schemas"]["SignatureDto"];
        };
        AuditEntryView: {
            action: string;
            actorId: string;
            actorName?: Record<string, never> | null;
            /** @enum {string} */
            actorType: "user" | "integration" | "system";
            /** @description new values of what changed */
            after?: Record<string, never> | null;
            /** @description database clock, UTC */
            at: string;
            /** @description old values of what changed */
            before?: Record<string, never> | null;
            /** @description the hash chain the entry belongs to: a unit's DIN, donor:<id>, freezer:<id>, release_request:<id>, user:<id> or integration:<id> */
            chain: string;
            /** @description the unit (null for an entry of a donor chain) */
            din?: Record<string, never> | null;
            /** @description the donor, for donor-level changes */
            donorId?: Record<string, never> | null;
            hash: string;
            prevHash: string;
            reason?: Record<string, never> | null;
            requestId?: Record<string, never> | null;
            /** @description position in its chain, from 1 without gaps */
            seq: number;
            signature?: components["schemas"]["AuditSignatureView"] | null;
        };
        AuditPage: {
            items: components["schemas"]["AuditEntryView"][];
            nextCursor?: Record<string, never> | null;
        };
        AuditSignatureView: {
            meaning: string;
            signedAt: string;
            signerId: string;
            signerName: string;
        };
        AuditTrail: {
            din: string;
            items: components["schemas"]["AuditEntryView"][];
        };
        BoxSummaryView: {
            /** @example 7 */
            box: number;
            /** @example 25 */
            capacity: number;
            free: number;
            id: string;
            /** @example F01-R03-B07 */
            label: string;
            used: number;
        };
        BoxView: {
            /** @example 7 */
            box: number;
            capacity: number;
            /** @example 5 */
            columns: number;
            free: number;
            freezer: components["schemas"]["FreezerRefView"];
            id: string;
            /** @example F01-R03-B07 */
            label: string;
            /** @description row by row, column by column */
            positions: components["schemas"]["GridPositionView"][];
            /** @example 3 */
            rack: number;
            rackId: string;
            /** @example 5 */
            rows: number;
            used: number;
        };
        CancelDto: {
            /** @example patient no longer a transplant candidate */
            reason: string;
        };
        CancellationView: {
            cancelledAt: string;
            /** @enum {string} */
            fromStatus: "submitted" | "reserved" | "approved";
            reason: string;
        };
        ChainBreakView: {
            expectedFrom: string;
            from: Record<string, never> | null;
            seq: number;
        };
        ChangePasswordDto: {
            /**
             * @description the password in use now (the one-time password after a reset)
             * @example one-time-Xk3q9L2mP7
             */
            currentPassword: string;
            /**
             * @description the new password, at least 12 characters, different from the current one
             * @example my own long passphrase 42
             */
            newPassword: string;
        };
        CollectionCreatedView: {
            id: string;
            unit: components["schemas"]["UnitSummary"];
        };
        CreateCollectionDto: {
            /** @example 25 */
            anticoagulantVolumeMl?: number;
            /** @example KIT-2026-0042 */
            bagLot?: string;
            /** @example 2026-03-10T07:42:00Z */
            birthAt: string;
            /** @example 2026-03-10T07:55:00Z */
            collectedAt: string;
            /** @example J. Rivera, RN */
            collectedBy: string;
            /** @enum {string} */
            deliveryType: "vaginal" | "cesarean";
            /**
             * @description the DIN pre-printed on the kit's labels (13 characters, or 14 with check character); omitted: the bank assigns the next one
             * @example W123426000123
             */
            din?: string;
            /**
             * @description the donor (birth mother)
             * @example 6d1f3c2a-8b4e-4f7a-9c1d-2e3f4a5b6c7d
             */
            donorId: string;
            /** @example 39.5 */
            gestationalAgeWeeks: number;
            /** @example 95 */
            grossVolumeMl?: number;
            /** @example St Mary Maternity */
            hospital: string;
            /** @enum {string} */
            method: "in_utero" | "ex_utero";
        };
        CreateConsentDto: {
            /** @example PD-CONSENT v4.2 */
            formVersion: string;
            /** @example 2026-03-01T09:30:00Z */
            signedAt: string;
            /** @enum {string} */
            type: "public_donation" | "family_storage" | "research";
        };
        CreateDonorDto: {
            /** @enum {string} */
            bankingType: "public" | "family";
            /**
             * @description YYYY-MM-DD
             * @example 1992-04-17
             */
            dateOfBirth: string;
            /** @example maria@example.org */
            email?: string;
            /**
             * @description as registries record it
             * @example Hispanic or Latino
             */
            ethnicity?: string;
            /** @example Maria */
            firstName: string;
            /** @example Lopez */
            lastName: string;
            /** @example +1 555 0100 */
            phone?: string;
        };
        CreateFreezerDto: {
            /** @example 10 */
            boxesPerRack: number;
            /**
             * @description columns per box, numbered 1, 2, 3…
             * @example 5
             */
            columns: number;
            /**
             * @description a reading above it opens an excursion (°C)
             * @default -150
             * @example -150
             */
            maxTemperatureC: number;
            /**
             * @description unique; not shaped like a code (F01)
             * @example Dewar A
             */
            name: string;
            /** @example 6 */
            racks: number;
            /**
             * @description rows per box, labelled A, B, C…
             * @example 5
             */
            rows: number;
            /**
             * @example liquid_nitrogen
             * @enum {string}
             */
            type: "liquid_nitrogen" | "vapor_phase" | "mechanical";
        };
        CreateIdmTestDto: {
            /** @example Regional IDM lab */
            lab?: string;
            /** @enum {string} */
            marker: "HIV-1" | "HIV-2" | "HBsAg" | "anti-HBc" | "HCV" | "HTLV-I/II" | "syphilis" | "WNV" | "T. cruzi" | "CMV";
            /** @example NAT */
            method?: string;
            /** @enum {string} */
            result: "negative" | "positive" | "indeterminate";
            /** @example 2026-03-09T07:00:00Z */
            sampleDrawnAt: string;
            /** @example 2026-03-10T12:00:00Z */
            testedAt?: string;
        };
        CreateIntegrationDto: {
            /** @example HLA lab LIMS */
            name: string;
        };
        CreateReleaseRequestDto: {
            /** @enum {string} */
            intendedUse: "allogeneic_transplant" | "autologous" | "directed_family" | "clinical_trial";
            /**
             * @description date (or date-time) by which the unit is needed
             * @example 2026-04-01
             */
            neededBy: string;
            patient: components["schemas"]["PatientDto"];
            /** @example Dr. A. Okafor */
            physician: string;
            /** @example Children's Hospital Transplant Centre */
            requestingFacility: string;
        };
        CreateScreeningDto: {
            /** @example 2026-03-01T10:00:00Z */
            completedAt: string;
            /**
             * @description empty = acceptable
             * @example []
             */
            deferralReasons: string[];
            /** @example MBHQ 2025-1 */
            version: string;
        };
        CreateUserDto: {
            /** @example tech@bank.example */
            email: string;
            /** @example Ada Lab */
            name: string;
            /**
             * @description at least 12 characters; one-time: the user must replace it at the first login (POST /auth/password)
             * @example correct horse battery staple
             */
            password: string;
            /**
             * @example [
             *       "lab_technician"
             *     ]
             */
            roles: ("admin" | "coordinator" | "lab_technician" | "quality_assurance" | "medical_director" | "auditor")[];
        };
        CustodyChainView: {
            breaks: components["schemas"]["ChainBreakView"][];
            /** @description true when there is at least one event and every event's from is the previous event's to */
            complete: boolean;
            /** @example freezer F01 (Dewar A) */
            custodian: Record<string, never> | null;
            /** @example W123426000001 */
            din: string;
            events: components["schemas"]["CustodyEventView"][];
        };
        CustodyEventView: {
            condition: Record<string, never> | null;
            /** @example Processing laboratory */
            from: Record<string, never> | null;
            /** @example 2026-03-10T20:00:00.000Z */
            handedOverAt: string;
            /** @enum {string} */
            kind: "collection" | "receipt" | "storage" | "retrieval" | "shipment" | "delivery" | "manual";
            /** @description true when `from` is the previous event's `to` (always true for the first event) */
            linked: boolean;
            /** @example F01-R01-B01-A1 */
            location: Record<string, never> | null;
            /** @example 2026-03-10T20:00:01.000Z */
            recordedAt: string;
            /** @example 3 */
            seq: number;
            shipperId: Record<string, never> | null;
            temperatureLoggerId: Record<string, never> | null;
            temperatureOk: Record<string, never> | null;
            /** @example freezer F01 (Dewar A) */
            to: string;
        };
        DeliverDto: {
            /** @example 2026-03-20T15:30:00Z */
            receivedAt: string;
            /** @example N. Park, cell therapy lab */
            receivedBy: string;
            /**
             * @description the shipper temperature log was within limits on receipt
             * @example true
             */
            temperatureOk: boolean;
        };
        DeliveryView: {
            receivedAt: string;
            receivedBy: string;
            temperatureOk: boolean;
        };
        DismissLabEventDto: {
            /**
             * @description why the parked event will not be applied (required)
             * @example Sent for the wrong unit; the LIMS re-sent it under W123426000043
             */
            reason: string;
        };
        DonorView: {
            /** @enum {string} */
            bankingType: "public" | "family";
            createdAt: string;
            dateOfBirth?: string;
            /** @example D0000042 */
            donorNumber: string;
            email?: Record<string, never>;
            ethnicity?: Record<string, never>;
            /** @description personal data: admin, coordinator, medical_director only */
            firstName?: string;
            id: string;
            lastName?: string;
            phone?: Record<string, never>;
        };
        EligibilityView: {
            /** @description collection time the 7-day sample window was checked against */
            collectedAt?: string;
            reasons: string[];
            /** @enum {string} */
            status: "eligible" | "ineligible" | "incomplete";
        };
        ExcursionEffectView: {
            /** @enum {string} */
            effect: "opened" | "continued" | "closed" | "extended" | "recorded_retrospectively" | "within_existing" | "none";
            id?: Record<string, never> | null;
        };
        ExcursionPage: {
            items: components["schemas"]["ExcursionView"][];
            page: number;
            pageSize: number;
            total: number;
        };
        ExcursionReviewView: {
            meaning?: Record<string, never> | null;
            /** @enum {string} */
            outcome: "acceptable" | "unacceptable";
            reason: string;
            reviewedAt: string;
            reviewedBy: string;
            reviewerName?: Record<string, never> | null;
        };
        ExcursionUnitView: {
            din: string;
            dinCheck: string;
            /** @description where the unit was when the excursion reached it */
            positionLabel?: Record<string, never> | null;
            recordedAt: string;
            review?: components["schemas"]["ExcursionReviewView"] | null;
            status: string;
        };
        ExcursionView: {
            endedAt?: Record<string, never> | null;
            /** @example F01 */
            freezerCode: string;
            freezerId: string;
            freezerName: string;
            id: string;
            /** @example -150 */
            limitC: number;
            open: boolean;
            /** @example -131.5 */
            peakTemperatureC?: Record<string, never> | null;
            /** @description readings above the limit during the excursion */
            readingsAboveLimit: number;
            /** @description opened from a reading older than the freezer’s newest one */
            retrospective: boolean;
            startedAt: string;
            unitCount: number;
            /** @description the units affected (the first 200 in a list; all, paginated, in GET /storage/excursions/:id) */
            units: components["schemas"]["ExcursionUnitView"][];
            unreviewedCount: number;
        };
        FreePositionsPage: {
            items: components["schemas"]["PositionView"][];
            nextCursor?: Record<string, never> | null;
        };
        FreezerDetailView: {
            /**
             * @description positions in all
             * @example 1500
             */
            capacity: number;
            /**
             * @description readable code, in creation order
             * @example F01
             */
            code: string;
            createdAt: string;
            /** @example 1080 */
            free: number;
            id: string;
            inService: boolean;
            lastReading?: components["schemas"]["ReadingSummaryView"] | null;
            layout: components["schemas"]["LayoutView"];
            /** @example -150 */
            maxTemperatureC: number;
            /** @example Dewar A */
            name: string;
            openExcursion?: components["schemas"]["OpenExcursionView"] | null;
            racks: components["schemas"]["RackView"][];
            serviceChangedAt?: Record<string, never> | null;
            serviceReason?: Record<string, never> | null;
            /** @enum {string} */
            type: "liquid_nitrogen" | "vapor_phase" | "mechanical";
            /** @example 420 */
            used: number;
        };
        FreezerPage: {
            items: components["schemas"]["FreezerView"][];
            page: number;
            pageSize: number;
            total: number;
        };
        FreezerRefView: {
            code: string;
            id: string;
            inService: boolean;
            name: string;
        };
        FreezerTemperatureData: {
            /**
             * @description degrees Celsius, read at occurredAt
             * @example -182.5
             */
            temperatureC: number;
        };
        FreezerView: {
            /**
             * @description positions in all
             * @example 1500
             */
            capacity: number;
            /**
             * @description readable code, in creation order
             * @example F01
             */
            code: string;
            createdAt: string;
            /** @example 1080 */
            free: number;
            id: string;
            inService: boolean;
            lastReading?: components["schemas"]["ReadingSummaryView"] | null;
            layout: components["schemas"]["LayoutView"];
            /** @example -150 */
            maxTemperatureC: number;
            /** @example Dewar A */
            name: string;
            openExcursion?: components["schemas"]["OpenExcursionView"] | null;
            serviceChangedAt?: Record<string, never> | null;
            serviceReason?: Record<string, never> | null;
            /** @enum {string} */
            type: "liquid_nitrogen" | "vapor_phase" | "mechanical";
            /** @example 420 */
            used: number;
        };
        GridPositionView: {
            /** @example 4 */
            column: number;
            id: string;
            /** @example F01-R03-B07-C4 */
            label: string;
            /** @example 3 */
            row: number;
            /** @example C */
            rowLabel: string;
            unit?: components["schemas"]["GridUnitView"] | null;
        };
        GridUnitView: {
            din: string;
            dinCheck: string;
            /** @example quarantine */
            status: string;
        };
        HandoverDto: {
            /** @example dry shipper sealed, logger reading -190 °C */
            condition?: string;
            /**
             * @description who hands the unit over: must be the unit's current custodian (GET /units/:din/custody)
             * @example Processing laboratory
             */
            from: string;
            /** @example 2026-03-12T09:30:00Z */
            handedOverAt: string;
            /** @example Building B, room 114 */
            location: string;
            /**
             * @description dry shipper id
             * @example DS-0042
             */
            shipperId?: string;
            /**
             * @description temperature logger id
             * @example TL-7731
             */
            temperatureLoggerId?: string;
            /**
             * @description who takes the unit
             * @example QA sample room (M. Chen)
             */
            to: string;
        };
        HandoverResultView: {
            breaks: components["schemas"]["ChainBreakView"][];
            /** @description true when there is at least one event and every event's from is the previous event's to */
            complete: boolean;
            /** @example freezer F01 (Dewar A) */
            custodian: Record<string, never> | null;
            /** @example W123426000001 */
            din: string;
            event: components["schemas"]["CustodyEventView"];
            events: components["schemas"]["CustodyEventView"][];
        };
        HistoryActorView: {
            id: string;
            name: Record<string, never> | null;
            /** @enum {string} */
            type: "user" | "integration" | "system";
        };
        HistoryEntryView: {
            /** @example release_request.approved */
            action: string;
            actor: components["schemas"]["HistoryActorView"];
            after: Record<string, never> | null;
            at: string;
            before: Record<string, never> | null;
            reason: Record<string, never> | null;
            seq: number;
            /** @description signer, meaning and time when e-signed (21 CFR Part 11.200) */
            signature: Record<string, never> | null;
        };
        HlaLociDto: {
            /**
             * @description two alleles (the same twice when homozygous)
             * @example [
             *       "02:01",
             *       "24:02"
             *     ]
             */
            A: string[];
            /**
             * @description two alleles (the same twice when homozygous)
             * @example [
             *       "07:02",
             *       "44:02"
             *     ]
             */
            B: string[];
            /**
             * @description two alleles (the same twice when homozygous)
             * @example [
             *       "07:02",
             *       "05:01"
             *     ]
             */
            C?: string[];
            /**
             * @description two alleles (the same twice when homozygous)
             * @example [
             *       "06:02",
             *       "03:02"
             *     ]
             */
            DQB1?: string[];
            /**
             * @description two alleles (the same twice when homozygous)
             * @example [
             *       "15:01",
             *       "04:01"
             *     ]
             */
            DRB1: string[];
        };
        HlaTypedData: {
            /** @description A, B, DRB1 required; C, DQB1 optional; two alleles each, like 02:01 (the staff typing loci) */
            loci: components["schemas"]["HlaLociDto"];
            /** @example NGS */
            method?: string;
            /**
             * @description typing resolution (e.g. low, intermediate, high)
             * @example high
             */
            resolution: string;
        };
        HlaTypingDto: {
            loci: components["schemas"]["HlaLociDto"];
            /** @example NGS */
            method?: string;
            /**
             * @description typing resolution (e.g. low, intermediate, high)
             * @example high
             */
            resolution: string;
            /**
             * @description when the typing was reported; default now
             * @example 2026-03-11T16:20:00Z
             */
            typedAt?: string;
        };
        IdmResultedData: {
            /**
             * @description the testing laboratory (as on the staff IDM route); default: the integration’s name
             * @example Regional IDM lab
             */
            lab?: string;
            /**
             * @description a 21 CFR 1271.85 marker, or CMV
             * @example HIV-1
             * @enum {string}
             */
            marker: "HIV-1" | "HIV-2" | "HBsAg" | "anti-HBc" | "HCV" | "HTLV-I/II" | "syphilis" | "WNV" | "T. cruzi" | "CMV";
            /**
             * @description test method (as on the staff IDM route)
             * @example NAT
             */
            method?: string;
            /**
             * @example negative
             * @enum {string}
             */
            result: "negative" | "positive" | "indeterminate";
            /**
             * @description the maternal sample; within 7 days of the collection
             * @example 2026-03-09T07:00:00Z
             */
            sampleDrawnAt: string;
            /** @example 2026-03-10T12:00:00Z */
            testedAt?: string;
        };
        IntegrationCreatedView: {
            /** @description shown once; only its hash is kept */
            apiKey: string;
            id: string;
            name: string;
        };
        LabBatchAnswer: {
            /** @description one per event, in the order sent */
            results: components["schemas"]["LabBatchResult"][];
        };
        LabBatchResult: {
            /** @description as sent (null when the event had none) */
            eventId?: Record<string, never> | null;
            /**
             * @description for a duplicate: the stored event’s current status
             * @enum {string}
             */
            eventStatus?: "applied" | "parked" | "rejected" | "dismissed";
            /** @description the stored event (absent for an invalid event, which is not stored) */
            id?: string;
            /** @description why the event was rejected or parked (problem+json) */
            problem?: Record<string, never>;
            /** @enum {string} */
            status: "applied" | "duplicate" | "parked" | "rejected";
            superseded?: boolean;
        };
        LabEventAnswer: {
            eventId: string;
            /** @description the bank’s id of the stored event */
            id: string;
            /** @description for a parked event: why (problem+json) */
            problem?: Record<string, never>;
            /**
             * @description for a parked event: why it waits (the problem’s detail)
             * @example Unit W123426000042 is collected: processing.completed results are taken once its receipt at the laboratory is recorded: the event is kept and applied by itself when the unit is received
             */
            reason?: string;
            /** @enum {string} */
            status: "applied" | "parked";
            /** @description true when an older result arrived after a newer one: kept in the history, the current value unchanged */
            superseded?: boolean;
            /** @enum {string} */
            type: "sample.received" | "processing.completed" | "hla.typed" | "abo.typed" | "sterility.resulted" | "idm.resulted" | "freezer.temperature";
            /**
             * @description for a parked event: what it waits for (an unknown unit or donor, or a unit state)
             * @example {
             *       "din": "W123426000042",
             *       "unitStatus": "received"
             *     }
             */
            waitingFor?: Record<string, never>;
        };
        LabEventBatchDto: {
            /** @description 1 to 500 events, applied in order */
            events: components["schemas"]["LabEventDto"][];
        };
        LabEventDto: {
            /** @description the result; its shape depends on type */
            data: components["schemas"]["SampleReceivedData"] | components["schemas"]["ProcessingCompletedData"] | components["schemas"]["HlaTypedData"] | components["schemas"]["AboTypedData"] | components["schemas"]["SterilityResultedData"] | components["schemas"]["IdmResultedData"] | components["schemas"]["FreezerTemperatureData"];
            /**
             * @description the unit (13-character DIN, or 14 with check character): every type but idm.resulted and freezer.temperature
             * @example W123426000042
             */
            din?: string;
            /**
             * @description the donor: idm.resulted only
             * @example D0000042
             */
            donorNumber?: string;
            /**
             * @description unique per integration (1–128 printable characters); a retry sends the same one
             * @example lims-2026-0001234
             */
            eventId: string;
            /**
             * @description the freezer's name or id: freezer.temperature only
             * @example LN2-01
             */
            freezer?: string;
            /**
             * @description when the result was produced (or the reading taken), with a zone; at most 5 minutes ahead of the bank clock
             * @example 2026-03-12T10:15:00Z
             */
            occurredAt: string;
            /**
             * @example hla.typed
             * @enum {string}
             */
            type: "sample.received" | "processing.completed" | "hla.typed" | "abo.typed" | "sterility.resulted" | "idm.resulted" | "freezer.temperature";
        };
        LabEventPage: {
            items: components["schemas"]["LabEventView"][];
            page: number;
            pageSize: number;
            total: number;
        };
        LabEventView: {
            appliedAt?: Record<string, never> | null;
            /** @description times the bank tried to apply it */
            attempts: number;
            /** @description the event as received */
            body: Record<string, never>;
            /** @description SHA-256 of the canonical JSON of the event as received */
            bodyHash: string;
            din?: Record<string, never> | null;
            /**
             * @description for a dismissed event: when, by whom and why
             * @example {
             *       "at": "2026-03-12T10:20:00.000Z",
             *       "by": "b3c1…",
             *       "byName": "QA Officer",
             *       "reason": "sent for the wrong unit"
             *     }
             */
            dismissal?: Record<string, never> | null;
            donorNumber?: Record<string, never> | null;
            eventId: string;
            freezer?: Record<string, never> | null;
            id: string;
            integrationId: string;
            integrationName: string;
            lastAttemptAt?: Record<string, never> | null;
            occurredAt: string;
            /** @description why parked or rejected (problem+json) */
            problem?: Record<string, never> | null;
            receivedAt: string;
            /** @enum {string} */
            status: "applied" | "parked" | "rejected" | "dismissed";
            /** @enum {string} */
            type: "sample.received" | "processing.completed" | "hla.typed" | "abo.typed" | "sterility.resulted" | "idm.resulted" | "freezer.temperature";
        };
        LayoutView: {
            /** @example 10 */
            boxesPerRack: number;
            /** @example 5 */
            columns: number;
            /** @example 6 */
            racks: number;
            /** @example 5 */
            rows: number;
        };
        LocusMismatchView: {
            /**
             * @description mismatches the grade counts at this locus: the larger of the two directions
             * @example 1
             */
            count: number;
            /** @enum {string} */
            direction: "graft_versus_host" | "host_versus_graft" | "bidirectional";
            /**
             * @description patient alleles the unit lacks
             * @example 0
             */
            graftVersusHost: number;
            /**
             * @description unit alleles the patient lacks
             * @example 1
             */
            hostVersusGraft: number;
            /** @enum {string} */
            level: "antigen" | "allele";
            /** @enum {string} */
            locus: "A" | "B" | "DRB1" | "C" | "DQB1";
            /**
             * @example [
             *       "02",
             *       "02"
             *     ]
             */
            patient: string[];
            /**
             * @example [
             *       "02",
             *       "03"
             *     ]
             */
            unit: string[];
        };
        LoginDto: {
            /** @example qa@bank.example */
            email: string;
            /** @example correct horse battery staple */
            password: string;
        };
        LoginResponse: {
            accessToken: string;
            /** @description seconds */
            expiresIn: number;
            user: components["schemas"]["UserView"];
        };
        MoveUnitDto: {
            /**
             * @description the target position: id (uuid) or label
             * @example F02-R01-B01-A1
             */
            positionId: string;
            /** @example Consolidating rack 3 before maintenance */
            reason: string;
        };
        Object: Record<string, never>;
        OpenExcursionView: {
            id: string;
            startedAt: string;
        };
        OutcomeDto: {
            /** @example 2026-03-21T10:00:00Z */
            infusedAt: string;
            /** @example infused without reaction */
            notes?: string;
        };
        OutcomeView: {
            infusedAt: string;
            notes: Record<string, never> | null;
        };
        PatientDto: {
            /** @example acute lymphoblastic leukaemia */
            diagnosis: string;
            /** @description required for allogeneic_transplant and clinical_trial (an unrelated unit is graded against it) */
            hla?: components["schemas"]["PatientHlaDto"];
            /** @example MRN-2026-00417 */
            identifier: string;
            /**
             * @description patient weight in kg
             * @example 18.5
             */
            weightKg: number;
        };
        PatientHlaDto: {
            /**
             * @description two alleles, the same one twice when homozygous
             * @example [
             *       "02:01",
             *       "24:02"
             *     ]
             */
            A: string[];
            /**
             * @description two alleles, the same one twice when homozygous
             * @example [
             *       "07:02",
             *       "44:02"
             *     ]
             */
            B: string[];
            /**
             * @description two alleles, the same one twice when homozygous
             * @example [
             *       "07:02",
             *       "05:01"
             *     ]
             */
            C?: string[];
            /**
             * @description two alleles, the same one twice when homozygous
             * @example [
             *       "06:02",
             *       "03:01"
             *     ]
             */
            DQB1?: string[];
            /**
             * @description two alleles, the same one twice when homozygous
             * @example [
             *       "15:01",
             *       "04:01"
             *     ]
             */
            DRB1: string[];
        };
        PatientView: {
            /** @description Personal data: only for admin, coordinator and medical director (omitted for other roles) */
            diagnosis?: string;
            hla?: components["schemas"]["PatientHlaDto"] | null;
            /** @description Personal data: only for admin, coordinator and medical director (omitted for other roles) */
            identifier?: string;
            /** @example 18.5 */
            weightKg: number;
        };
        PositionView: {
            /** @example 7 */
            box: number;
            boxId: string;
            /** @example 4 */
            column: number;
            /** @example F01 */
            freezerCode: string;
            freezerId: string;
            /** @example Dewar A */
            freezerName: string;
            id: string;
            /** @example F01-R03-B07-C4 */
            label: string;
            /** @example 3 */
            rack: number;
            rackId: string;
            /** @example 3 */
            row: number;
            /** @example C */
            rowLabel: string;
        };
        ProblemDto: {
            /**
             * @description the stable error code (README, "API overview")
             * @example VALIDATION_FAILED
             */
            code: string;
            /**
             * @description what went wrong, for a person
             * @example signedAt: signedAt must be a valid ISO 8601 date string
             */
            detail: string;
            /** @description per field, for 422 validation failures */
            errors?: components["schemas"]["ProblemFieldErrorDto"][];
            /**
             * @description the request id (also the X-Request-Id header), for the logs
             * @example 5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60
             */
            requestId?: string;
            /** @example 422 */
            status: number;
            /**
             * @description the HTTP status text
             * @example Unprocessable Entity
             */
            title: string;
            /**
             * @description a relative URI naming the kind of problem (the code, kebab-case)
             * @example /problems/validation-failed
             */
            type: string;
        };
        ProblemFieldErrorDto: {
            /** @example signedAt */
            field: string;
            /** @example signedAt must be a valid ISO 8601 date string */
            message: string;
        };
        ProcessingCompletedData: {
            /**
             * @description CD34+ cells
             * @example 4200000
             */
            cd34Count: number;
            /** @example 310000 */
            cfuCount?: number;
            /** @example Sepax automated volume reduction */
            method?: string;
            /** @example 120000000 */
            nrbcCount?: number;
            /** @example 2026-03-10T14:00:00Z */
            processedAt: string;
            /**
             * @description total nucleated cells
             * @example 1400000000
             */
            tncCount: number;
            /** @example 92.5 */
            viabilityPct: number;
            /**
             * @description final product volume, mL
             * @example 25
             */
            volumeMl: number;
        };
        ProcessingDto: {
            /**
             * @description CD34+ cells
             * @example 4200000
             */
            cd34Count: number;
            /** @example 310000 */
            cfuCount?: number;
            /** @example Sepax automated volume reduction */
            method?: string;
            /** @example 120000000 */
            nrbcCount?: number;
            /** @example 2026-03-10T18:00:00Z */
            processedAt: string;
            /**
             * @description total nucleated cells
             * @example 1400000000
             */
            tncCount: number;
            /** @example 92.5 */
            viabilityPct: number;
            /**
             * @description final product volume, mL
             * @example 25
             */
            volumeMl: number;
        };
        RackView: {
            boxes: components["schemas"]["BoxSummaryView"][];
            capacity: number;
            free: number;
            id: string;
            /** @example F01-R03 */
            label: string;
            /** @example 3 */
            rack: number;
            used: number;
        };
        ReadingsPage: {
            freezerId: string;
            /** @description newest first */
            items: components["schemas"]["ReadingView"][];
            nextCursor?: Record<string, never> | null;
        };
        ReadingSummaryView: {
            /** @example 2026-01-05T08:00:00.000Z */
            readAt: string;
            /** @example -190.2 */
            temperatureC: number;
        };
        ReadingView: {
            aboveLimit: boolean;
            freezerId: string;
            /** @example 1042 */
            id: string;
            /** @example -150 */
            limitC: number;
            readAt: string;
            recordedBy?: Record<string, never> | null;
            /** @enum {string} */
            source: "staff" | "lab_event";
            /** @example -190.2 */
            temperatureC: number;
        };
        ReceiptDto: {
            /** @example bag intact */
            notes?: string;
            /** @example 2026-03-10T14:00:00Z */
            receivedAt: string;
            /** @example true */
            temperatureOk: boolean;
        };
        RecordedReadingView: {
            excursion: components["schemas"]["ExcursionEffectView"];
            reading: components["schemas"]["ReadingView"];
        };
        ReleaseRequestPage: {
            items: components["schemas"]["ReleaseRequestView"][];
            page: number;
            pageSize: number;
            total: number;
        };
        ReleaseRequestView: {
            /**
             * @description the routes that may be called next
             * @example [
             *       "approve",
             *       "cancel"
             *     ]
             */
            allowedActions: string[];
            approval: components["schemas"]["ApprovalView"] | null;
            cancellation: components["schemas"]["CancellationView"] | null;
            delivery: components["schemas"]["DeliveryView"] | null;
            din: Record<string, never> | null;
            /** @description the request's audit chain, oldest first (single request and action answers) */
            history?: components["schemas"]["HistoryEntryView"][];
            id: string;
            /** @enum {string} */
            intendedUse: "allogeneic_transplant" | "autologous" | "directed_family" | "clinical_trial";
            neededBy: string;
            outcome: components["schemas"]["OutcomeView"] | null;
            patient: components["schemas"]["PatientView"];
            physician: string;
            requestingFacility: string;
            /** @example RR000042 */
            requestNumber: string;
            reservation: components["schemas"]["ReservationView"] | null;
            shipment: components["schemas"]["ShipmentView"] | null;
            /** @enum {string} */
            status: "submitted" | "reserved" | "approved" | "shipped" | "delivered" | "completed" | "cancelled";
            submittedAt: string;
            /** @description user id of the coordinator */
            submittedBy: string;
            unit: components["schemas"]["RequestUnitView"] | null;
            updatedAt: string;
        };
        RequestUnitView: {
            /** @enum {string} */
            bankingType: "public" | "family";
            /** @example W123426000001 */
            din: string;
            /** @example K */
            dinCheck: string;
            /** @example reserved */
            status: string;
        };
        ReservationView: {
            /** @example 250000 */
            cd34PerKg: Record<string, never> | null;
            din: string;
            doseOverrideReason: Record<string, never> | null;
            doseWarning: boolean;
            /** @example 5/6 */
            matchGrade: Record<string, never> | null;
            /** @description graded loci that mismatch (locus, level, count, direction) */
            mismatches: Record<string, never>[];
            otherMismatches: Record<string, never>[];
            reservedAt: string;
            /** @description user id of the coordinator */
            reservedBy: string;
            /** @example 75000000 */
            tncPerKg: number;
        };
        ReserveDto: {
            /**
             * @description the unit: 13-character DIN or 14 with its check character
             * @example W123426000001
             */
            din: string;
            /**
             * @description required when the dose is below 2.5 × 10^7 TNC/kg
             * @example double-unit transplant planned with a second unit
             */
            overrideReason?: string;
        };
        RetrieveUnitDto: {
            /**
             * @description free text kept with the audit entry
             * @example Confirmatory HLA typing on attached segment
             */
            comment?: string;
            /**
             * @example testing
             * @enum {string}
             */
            reason: "shipping" | "discard" | "testing";
        };
        ReviewExcursionDto: {
            /**
             * @description unacceptable keeps the unit from release
             * @default acceptable
             * @enum {string}
             */
            outcome: "acceptable" | "unacceptable";
            /** @example Peak -142 °C for 20 minutes; within the validated transient-warming limits for this bag type */
            reason: string;
            signature: components["schemas"]["SignatureDto"];
        };
        SampleReceivedData: {
            /**
             * @description when the laboratory received the bag
             * @example 2026-03-10T09:30:00Z
             */
            receivedAt: string;
            /**
             * @description transport temperature within limits
             * @example true
             */
            temperatureOk: boolean;
        };
        SearchHitView: {
            /** @example O */
            abo: Record<string, never> | null;
            /** @enum {string} */
            bankingType: "public" | "family";
            /** @example 5000000 */
            cd34Count: Record<string, never> | null;
            /** @example 270000 */
            cd34PerKg: Record<string, never> | null;
            /** @example W123426000001 */
            din: string;
            /** @example K */
            dinCheck: string;
            /**
             * @description true below 2.5 × 10^7 TNC/kg
             * @example false
             */
            doseWarning: boolean;
            /** @example high */
            hlaResolution: Record<string, never> | null;
            /** @example 5 */
            matches: Record<string, never> | null;
            /**
             * @description null for an untyped family unit
             * @example 5/6
             */
            matchGrade: Record<string, never> | null;
            /** @description graded loci (A, B, DRB1) that mismatch */
            mismatches: components["schemas"]["LocusMismatchView"][];
            /** @description C and DQB1 mismatches when both sides are typed (not graded) */
            otherMismatches: components["schemas"]["LocusMismatchView"][];
            /** @example positive */
            rh: Record<string, never> | null;
            /** @example 1500000000 */
            tncCount: number;
            /** @example 81000000 */
            tncPerKg: number;
        };
        SearchResultView: {
            items: components["schemas"]["SearchHitView"][];
            nextCursor: string | null;
        };
        SearchUnitsDto: {
            /**
             * @description nextCursor of the previous page (same search body)
             * @example eyJvZmZzZXQiOjIwfQ
             */
            cursor?: string;
            /**
             * Format: uuid
             * @description the family (donor) whose family-banked units an autologous or directed_family search reads
             * @example 6d1f3c2a-8b4e-4f7a-9c1d-2e3f4a5b6c7d
             */
            donorId?: string;
            hla: components["schemas"]["PatientHlaDto"];
            /**
             * @description autologous and directed_family search the family units of donorId; other uses (or none) the public inventory
             * @enum {string}
             */
            intendedUse?: "allogeneic_transplant" | "autologous" | "directed_family" | "clinical_trial";
            /**
             * @default 20
             * @example 20
             */
            limit: number;
            /**
             * @description lowest match grade offered (out of 6); below 4 the search reads every available unit and is slower
             * @default 4
             * @example 4
             */
            minMatch: number;
            /**
             * @description patient weight in kg
             * @example 18.5
             */
            weightKg: number;
        };
        ShipDto: {
            /** @example ColdChain Couriers Ltd */
            courier: string;
            /** @example 2026-03-20T08:00:00Z */
            dispatchedAt: string;
            /** @example DS-0042 */
            shipperId: string;
            /** @example TL-7731 */
            temperatureLoggerId: string;
        };
        ShipmentView: {
            courier: string;
            dispatchedAt: string;
            shippedBy: string;
            shipperId: string;
            temperatureLoggerId: string;
        };
        SignatureDto: {
            /**
             * @description what the signature means (release, approval, discard, determination, review, closure)
             * @example release
             */
            meaning: string;
            /**
             * @description the signer's password, checked again
             * @example correct horse battery staple
             */
            password: string;
        };
        SignerView: {
            id: string;
            name: string;
        };
        StatusChangeDto: {
            /** @example all release criteria reviewed */
            reason: string;
            signature?: components["schemas"]["SignatureDto"];
            /**
             * @description target status; to release a hold, the state the unit was in before it
             * @example available
             * @enum {string}
             */
            to: "quarantine" | "available" | "on_hold" | "discarded" | "rejected" | "collected" | "received" | "processed" | "reserved";
        };
        SterilityDto: {
            /** @enum {string} */
            aerobic: "negative" | "positive";
            /** @enum {string} */
            anaerobic: "negative" | "positive";
            /** @example Staphylococcus epidermidis */
            organism?: string;
            /**
             * @description when the culture was resulted; default now
             * @example 2026-03-17T09:00:00Z
             */
            resultedAt?: string;
        };
        SterilityResultedData: {
            /**
             * @example negative
             * @enum {string}
             */
            aerobic: "negative" | "positive";
            /**
             * @example negative
             * @enum {string}
             */
            anaerobic: "negative" | "positive";
            /**
             * @description the organism grown, for a positive culture
             * @example Staphylococcus epidermidis
             */
            organism?: string;
        };
        StoreUnitDto: {
            /**
             * @description the first free position of this freezer (rack, box, row, column order); must be a freezer id (uuid) or code such as F01
             * @example F01
             */
            freezerId?: string;
            /**
             * @description a position id (uuid) or label; give this or freezerId
             * @example F01-R03-B07-C4
             */
            positionId?: string;
        };
        TemperatureReadingDto: {
            /**
             * @description when it was read (ISO 8601); default now
             * @example 2026-01-05T08:00:00Z
             */
            readAt?: string;
            /**
             * @description °C
             * @example -185.5
             */
            temperatureC: number;
        };
        UnitCorrectionDto: {
            /** @enum {string} */
            abo?: "O" | "A" | "B" | "AB";
            /** @example 25 */
            anticoagulantVolumeMl?: number;
            /** @example CB-KIT-2026-0113 */
            bagLot?: string;
            /** @example 2026-03-10T07:42:00Z */
            birthAt?: string;
            /** @example 4200000 */
            cd34Count?: number;
            /** @example 310000 */
            cfuCount?: number;
            /** @example 2026-03-10T07:55:00Z */
            collectedAt?: string;
            /** @example J. Rivera, RN */
            collectedBy?: string;
            /** @enum {string} */
            deliveryType?: "vaginal" | "cesarean";
            /** @example 39 */
            gestationalAgeWeeks?: number;
            /** @example 110 */
            grossVolumeMl?: number;
            hla?: components["schemas"]["HlaLociDto"];
            /** @example high */
            hlaResolution?: string;
            /** @example St Mary Maternity */
            hospital?: string;
            /** @enum {string} */
            method?: "in_utero" | "ex_utero";
            /** @example 20000000 */
            nrbcCount?: number;
            /** @example 2026-03-10T14:00:00Z */
            processedAt?: string;
            /** @example AXP automated volume reduction */
            processingMethod?: string;
            /** @example TNC transcribed wrongly from the counter printout */
            reason: string;
            /** @example bag intact, label legible */
            receiptNotes?: string;
            /** @example 2026-03-10T09:30:00Z */
            receivedAt?: string;
            /** @enum {string} */
            rh?: "positive" | "negative";
            /** @enum {string} */
            sterilityAerobic?: "negative" | "positive";
            /** @enum {string} */
            sterilityAnaerobic?: "negative" | "positive";
            /** @example Staphylococcus epidermidis */
            sterilityOrganism?: string;
            /** @example true */
            temperatureOk?: boolean;
            /** @example 1450000000 */
            tncCount?: number;
            /** @example 92.5 */
            viabilityPct?: number;
            /** @example 25 */
            volumeMl?: number;
        };
        UnitSummary: {
            /** @example W123426000001 */
            din: string;
            /** @example K */
            dinCheck: string;
            /** @enum {string} */
            status: "collected" | "received" | "processed" | "quarantine" | "available" | "reserved" | "shipped" | "delivered" | "infused" | "rejected" | "on_hold" | "discarded";
        };
        UpdateDonorDto: {
            /** @enum {string} */
            bankingType?: "public" | "family";
            /** @example 1992-04-17 */
            dateOfBirth?: string;
            /** @example maria.lopez@example.org */
            email?: string;
            /** @example Hispanic or Latino */
            ethnicity?: string;
            /** @example María */
            firstName?: string;
            /** @example López */
            lastName?: string;
            /** @example +1 555 0101 */
            phone?: string;
            /** @example typo in last name on the intake form */
            reason: string;
        };
        UpdateFreezerDto: {
            /**
             * @description false takes the freezer out of service (no unit can be stored in it); its history stays
             * @example false
             */
            inService?: boolean;
            /** @example Dewar A (room 2) */
            name?: string;
            /**
             * @description required when inService changes
             * @example Dewar lid seal failing; emptying for maintenance
             */
            reason?: string;
        };
        UpdateUserDto: {
            /**
             * @description false deactivates the account; its tokens stop working at once
             * @example false
             */
            active?: boolean;
            /** @example Ada Lovelace-Byron */
            name?: string;
            /**
             * @description a reset: a one-time password, to be replaced by the user at the next login (POST /auth/password); ends the user's sessions
             * @example a new long passphrase 2026
             */
            password?: string;
            /**
             * @example [
             *       "lab_technician",
             *       "quality_assurance"
             *     ]
             */
            roles?: ("admin" | "coordinator" | "lab_technician" | "quality_assurance" | "medical_director" | "auditor")[];
        };
        UserView: {
            /** @example true */
            active: boolean;
            email: string;
            id: string;
            /**
             * Format: date-time
             * @description locked out after repeated failed logins or signatures until this time; null when not locked
             * @example null
             */
            lockedUntil: string | null;
            /**
             * @description the password is one-time (set by an administrator): the user must replace it (POST /auth/password) before anything else
             * @example false
             */
            mustChangePassword: boolean;
            /** @example Ada Lovelace */
            name: string;
            roles: ("admin" | "coordinator" | "lab_technician" | "quality_assurance" | "medical_director" | "auditor")[];
        };
        VerifyResult: {
            /** @description number of entries checked */
            entries: number;
            /** @description seq of the first entry that does not match */
            firstInvalidSeq?: number;
            valid: boolean;
        };
        WithdrawConsentDto: {
            /** @example mother withdrew consent by phone, confirmed in writing */
            reason: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AuditController_list: {
        parameters: {
            query?: {
                action?: string;
                /** @description actor id (user or integration id, or a system name) */
                actor?: string;
                /** @description one hash chain: a unit's DIN, donor:<id>, freezer:<id>, release_request:<id>, user:<id> or integration:<id> */
                chain?: string;
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description DIN, 13 characters or 14 with check character */
                din?: string;
                /** @description ISO 8601, inclusive */
                from?: string;
                limit?: number;
                /** @description ISO 8601, exclusive */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: a query parameter is invalid (`din`, `chain`, `actor`, `action`, `from`, `to`, `cursor`, `limit`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    AuthController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "qa@bank.example",
                 *       "password": "correct horse battery staple"
                 *     }
                 */
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponse"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Wrong e-mail or password (`INVALID_CREDENTIALS`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many failed logins: the account is locked for a while; `Retry-After` says how long. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/too-many-requests",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "detail": "Too many failed attempts; try again later",
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    AuthController_changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "currentPassword": "one-time-Xk3q9L2mP7",
                 *       "newPassword": "my own long passphrase 42"
                 *     }
                 */
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponse"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CollectionsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "donorId": "6d1f3c2a-8b4e-4f7a-9c1d-2e3f4a5b6c7d",
                 *       "din": "W123426000123",
                 *       "hospital": "St Mary Maternity",
                 *       "collectedBy": "J. Rivera, RN",
                 *       "birthAt": "2026-03-10T07:42:00Z",
                 *       "collectedAt": "2026-03-10T07:55:00Z",
                 *       "deliveryType": "vaginal",
                 *       "gestationalAgeWeeks": 39.5,
                 *       "method": "in_utero",
                 *       "bagLot": "KIT-2026-0042",
                 *       "anticoagulantVolumeMl": 25,
                 *       "grossVolumeMl": 95
                 *     }
                 */
                "application/json": components["schemas"]["CreateCollectionDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CollectionCreatedView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CollectionsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the collection id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DonorsController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description donor number, or the start of a first or last name (names only for roles that see personal data) */
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: a query parameter is invalid (`page`, `pageSize`, `search`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DonorsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "firstName": "Maria",
                 *       "lastName": "Lopez",
                 *       "dateOfBirth": "1992-04-17",
                 *       "email": "maria@example.org",
                 *       "phone": "+1 555 0100",
                 *       "bankingType": "public",
                 *       "ethnicity": "Hispanic or Latino"
                 *     }
                 */
                "application/json": components["schemas"]["CreateDonorDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DonorView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DonorsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the donor id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DonorView"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DonorsController_correct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the donor id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateDonorDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DonorsController_trail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the donor id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DonorsController_verify: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the donor id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DonorsController_addConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the donor id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "public_donation",
                 *       "formVersion": "PD-CONSENT v4.2",
                 *       "signedAt": "2026-03-01T09:30:00Z"
                 *     }
                 */
                "application/json": components["schemas"]["CreateConsentDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DonorsController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the consent id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                consentId: string;
                /**
                 * @description the donor id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "mother withdrew consent by phone, confirmed in writing"
                 *     }
                 */
                "application/json": components["schemas"]["WithdrawConsentDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id; no consentId with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DonorsController_eligibility: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the donor id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EligibilityView"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DonorsController_addIdm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the donor id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "marker": "HIV-1",
                 *       "result": "negative",
                 *       "sampleDrawnAt": "2026-03-09T07:00:00Z",
                 *       "testedAt": "2026-03-10T12:00:00Z",
                 *       "method": "NAT",
                 *       "lab": "Regional IDM lab"
                 *     }
                 */
                "application/json": components["schemas"]["CreateIdmTestDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DonorsController_addScreening: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the donor id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "version": "MBHQ 2025-1",
                 *       "completedAt": "2026-03-01T10:00:00Z",
                 *       "deferralReasons": []
                 *     }
                 */
                "application/json": components["schemas"]["CreateScreeningDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description database unreachable or migrations missing */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    IntegrationsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    IntegrationsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "HLA lab LIMS"
                 *     }
                 */
                "application/json": components["schemas"]["CreateIntegrationDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntegrationCreatedView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    IntegrationsController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the integration id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    LabEventsController_list: {
        parameters: {
            query?: {
                /** @description events about this unit (13-character DIN or 14 with check character) */
                din?: string;
                /** @description events about this donor */
                donorNumber?: string;
                /** @description events from this integration (uuid) */
                integrationId?: string;
                page?: number;
                pageSize?: number;
                status?: "applied" | "parked" | "rejected" | "dismissed";
                type?: "sample.received" | "processing.completed" | "hla.typed" | "abo.typed" | "sterility.resulted" | "idm.resulted" | "freezer.temperature";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabEventPage"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: a query parameter is invalid (`page`, `pageSize`, `status`, `type`, `din`, `donorNumber`, `integrationId`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    LabEventsController_receive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LabEventDto"] | components["schemas"]["LabEventBatchDto"];
            };
        };
        responses: {
            /** @description a batch (one result per event), or a retry of an event already received (its first answer) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabBatchAnswer"];
                };
            };
            /** @description applied */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabEventAnswer"];
                };
            };
            /** @description kept and parked until its unit or donor is created */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabEventAnswer"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description no, wrong or revoked API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description a staff token (this route is for integrations) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description eventId reused with another body (IDEMPOTENCY_CONFLICT); or the event was kept as rejected: its unit is in a state that does not take it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description body over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/conflict",
                     *       "title": "Payload Too Large",
                     *       "status": 413,
                     *       "detail": "body over 1 MiB",
                     *       "code": "CONFLICT",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description invalid event (unknown type, missing or malformed field, per field: data.loci.A ...), more than 500 events */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description rate limited; Retry-After says when to send again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/too-many-requests",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "detail": "Too many failed attempts; try again later",
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    LabEventsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the event id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabEventView"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    LabEventsController_dismiss: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the event id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "Sent for the wrong unit; the LIMS re-sent it under W123426000043"
                 *     }
                 */
                "application/json": components["schemas"]["DismissLabEventDto"];
            };
        };
        responses: {
            /** @description the event, now dismissed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabEventView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    LabEventsController_replay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the event id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabEventView"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ReleaseRequestsController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                status?: "submitted" | "reserved" | "approved" | "shipped" | "delivered" | "completed" | "cancelled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleaseRequestPage"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: a query parameter is invalid (`page`, `pageSize`, `status`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ReleaseRequestsController_submit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "requestingFacility": "Children's Hospital Transplant Centre",
                 *       "physician": "Dr. A. Okafor",
                 *       "patient": {
                 *         "identifier": "MRN-2026-00417",
                 *         "weightKg": 18.5,
                 *         "diagnosis": "acute lymphoblastic leukaemia",
                 *         "hla": {
                 *           "A": [
                 *             "02:01",
                 *             "24:02"
                 *           ],
                 *           "B": [
                 *             "07:02",
                 *             "44:02"
                 *           ],
                 *           "C": [
                 *             "07:02",
                 *             "05:01"
                 *           ],
                 *           "DRB1": [
                 *             "15:01",
                 *             "04:01"
                 *           ],
                 *           "DQB1": [
                 *             "06:02",
                 *             "03:01"
                 *           ]
                 *         }
                 *       },
                 *       "intendedUse": "allogeneic_transplant",
                 *       "neededBy": "2026-04-01"
                 *     }
                 */
                "application/json": components["schemas"]["CreateReleaseRequestDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleaseRequestView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ReleaseRequestsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description release request id (uuid) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleaseRequestView"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ReleaseRequestsController_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description release request id (uuid) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleaseRequestView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`); or a wrong e-signature password (`SIGNATURE_INVALID`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The account is locked after repeated wrong passwords or signatures; `Retry-After` says for how long. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/too-many-requests",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "detail": "Too many failed attempts; try again later",
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ReleaseRequestsController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description release request id (uuid) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "patient no longer a transplant candidate"
                 *     }
                 */
                "application/json": components["schemas"]["CancelDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleaseRequestView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ReleaseRequestsController_deliver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description release request id (uuid) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "receivedAt": "2026-03-20T15:30:00Z",
                 *       "receivedBy": "N. Park, cell therapy lab",
                 *       "temperatureOk": true
                 *     }
                 */
                "application/json": components["schemas"]["DeliverDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleaseRequestView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ReleaseRequestsController_outcome: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description release request id (uuid) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "infusedAt": "2026-03-21T10:00:00Z",
                 *       "notes": "infused without reaction"
                 *     }
                 */
                "application/json": components["schemas"]["OutcomeDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleaseRequestView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ReleaseRequestsController_reserve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description release request id (uuid) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "din": "W123426000001",
                 *       "overrideReason": "double-unit transplant planned with a second unit"
                 *     }
                 */
                "application/json": components["schemas"]["ReserveDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleaseRequestView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ReleaseRequestsController_ship: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description release request id (uuid) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "courier": "ColdChain Couriers Ltd",
                 *       "dispatchedAt": "2026-03-20T08:00:00Z",
                 *       "shipperId": "DS-0042",
                 *       "temperatureLoggerId": "TL-7731"
                 *     }
                 */
                "application/json": components["schemas"]["ShipDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleaseRequestView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    SearchController_units: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "hla": {
                 *         "A": [
                 *           "02:01",
                 *           "24:02"
                 *         ],
                 *         "B": [
                 *           "07:02",
                 *           "44:02"
                 *         ],
                 *         "C": [
                 *           "07:02",
                 *           "05:01"
                 *         ],
                 *         "DRB1": [
                 *           "15:01",
                 *           "04:01"
                 *         ],
                 *         "DQB1": [
                 *           "06:02",
                 *           "03:01"
                 *         ]
                 *       },
                 *       "weightKg": 18.5,
                 *       "minMatch": 4,
                 *       "limit": 20,
                 *       "donorId": "6d1f3c2a-8b4e-4f7a-9c1d-2e3f4a5b6c7d",
                 *       "cursor": "eyJvZmZzZXQiOjIwfQ"
                 *     }
                 */
                "application/json": components["schemas"]["SearchUnitsDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResultView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    StorageController_getBox: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description box id (uuid) or label (F01-R03-B07) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoxView"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    StorageController_listExcursions: {
        parameters: {
            query?: {
                /** @description only excursions that affected this unit (13-character DIN or 14 with check character) */
                din?: string;
                /** @description freezer id or code (F01) */
                freezerId?: string;
                page?: number;
                pageSize?: number;
                status?: "open" | "closed";
                /** @description only excursions with units QA has not reviewed yet */
                unreviewed?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExcursionPage"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: a query parameter is invalid (`status`, `freezerId`, `din`, `unreviewed`, `page`, `pageSize`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    StorageController_getExcursion: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path: {
                /**
                 * @description the excursion id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExcursionView"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: a query parameter is invalid (`page`, `pageSize`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    StorageController_review: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description 13-character DIN or 14 with check character
                 * @example W123426000001
                 */
                din: string;
                /**
                 * @description the excursion id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewExcursionDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExcursionUnitView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`); or a wrong e-signature password (`SIGNATURE_INVALID`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id; no unit with this DIN. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too; the DIN is malformed or its check character is wrong (`INVALID_DIN`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The account is locked after repeated wrong passwords or signatures; `Retry-After` says for how long. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/too-many-requests",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "detail": "Too many failed attempts; try again later",
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    StorageController_freePositions: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description freezer id or code (F01); without it, every in-service freezer in creation order */
                freezerId?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FreePositionsPage"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: a query parameter is invalid (`freezerId`, `limit`, `cursor`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    StorageController_listFreezers: {
        parameters: {
            query?: {
                /** @description only freezers in (true) or out of (false) service */
                inService?: boolean;
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FreezerPage"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: a query parameter is invalid (`page`, `pageSize`, `inService`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    StorageController_createFreezer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Dewar A",
                 *       "type": "liquid_nitrogen",
                 *       "maxTemperatureC": -150,
                 *       "racks": 6,
                 *       "boxesPerRack": 10,
                 *       "rows": 5,
                 *       "columns": 5
                 *     }
                 */
                "application/json": components["schemas"]["CreateFreezerDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FreezerDetailView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    StorageController_getFreezer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description freezer id (uuid) or code (F01) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FreezerDetailView"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    StorageController_updateFreezer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description freezer id (uuid) or code (F01) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Dewar A (room 2)",
                 *       "inService": false,
                 *       "reason": "Dewar lid seal failing; emptying for maintenance"
                 *     }
                 */
                "application/json": components["schemas"]["UpdateFreezerDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FreezerDetailView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    StorageController_temperatures: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description ISO 8601, inclusive */
                from?: string;
                limit?: number;
                /** @description ISO 8601, exclusive */
                to?: string;
            };
            header?: never;
            path: {
                /** @description freezer id (uuid) or code (F01) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadingsPage"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: a query parameter is invalid (`from`, `to`, `limit`, `cursor`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    StorageController_addReading: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description freezer id (uuid) or code (F01) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "temperatureC": -185.5,
                 *       "readAt": "2026-01-05T08:00:00Z"
                 *     }
                 */
                "application/json": components["schemas"]["TemperatureReadingDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordedReadingView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnitsController_list: {
        parameters: {
            query?: {
                bankingType?: "public" | "family";
                /** @description units stored in this freezer */
                freezerId?: string;
                page?: number;
                pageSize?: number;
                status?: "collected" | "received" | "processed" | "quarantine" | "available" | "reserved" | "shipped" | "delivered" | "infused" | "rejected" | "on_hold" | "discarded";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `{items, page, pageSize, total}`: each unit as GET /units/:din */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: a query parameter is invalid (`page`, `pageSize`, `status`, `bankingType`, `freezerId`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnitsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 13-character ISBT 128 DIN, or 14 with its check character (a wrong one is 422) */
                din: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the unit: `{din, dinCheck, status, allowedTransitions, releaseCheck: {ready, unmet[]}, bankingType, donorNumber, collection, processing, abo, rh, hla, sterility, position, custodian, excursions, reservation, …}` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no unit with this DIN. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the DIN is malformed or its check character is wrong (`INVALID_DIN`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnitsController_correct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 13-character ISBT 128 DIN, or 14 with its check character (a wrong one is 422) */
                din: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UnitCorrectionDto"];
            };
        };
        responses: {
            /** @description the unit after the correction, as GET /units/:din */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no unit with this DIN. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too; the DIN is malformed or its check character is wrong (`INVALID_DIN`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnitsController_abo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 13-character ISBT 128 DIN, or 14 with its check character (a wrong one is 422) */
                din: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "abo": "O",
                 *       "rh": "positive",
                 *       "typedAt": "2026-03-11T11:05:00Z"
                 *     }
                 */
                "application/json": components["schemas"]["AboTypingDto"];
            };
        };
        responses: {
            /** @description `{applied, unit}`: `applied` is false when an older result arrived after a newer one (kept in the history, not current); `unit` as GET /units/:din */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no unit with this DIN. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too; the DIN is malformed or its check character is wrong (`INVALID_DIN`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    AuditController_trail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description 13-character DIN or 14 with check character
                 * @example W123426000001
                 */
                din: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditTrail"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no unit with this DIN. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the DIN is malformed or its check character is wrong (`INVALID_DIN`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    AuditController_verify: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description 13-character DIN or 14 with check character
                 * @example W123426000001
                 */
                din: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerifyResult"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no unit with this DIN. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the DIN is malformed or its check character is wrong (`INVALID_DIN`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CustodyController_chain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 13-character ISBT 128 DIN, or 14 with its check character (a wrong one is 422) */
                din: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustodyChainView"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no unit with this DIN. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the DIN is malformed or its check character is wrong (`INVALID_DIN`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CustodyController_handover: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 13-character ISBT 128 DIN, or 14 with its check character (a wrong one is 422) */
                din: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "from": "Processing laboratory",
                 *       "to": "QA sample room (M. Chen)",
                 *       "location": "Building B, room 114",
                 *       "handedOverAt": "2026-03-12T09:30:00Z",
                 *       "condition": "dry shipper sealed, logger reading -190 °C",
                 *       "shipperId": "DS-0042",
                 *       "temperatureLoggerId": "TL-7731"
                 *     }
                 */
                "application/json": components["schemas"]["HandoverDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HandoverResultView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no unit with this DIN. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too; the DIN is malformed or its check character is wrong (`INVALID_DIN`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnitsController_hla: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 13-character ISBT 128 DIN, or 14 with its check character (a wrong one is 422) */
                din: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "loci": {
                 *         "A": [
                 *           "02:01",
                 *           "24:02"
                 *         ],
                 *         "B": [
                 *           "07:02",
                 *           "44:02"
                 *         ],
                 *         "C": [
                 *           "07:02",
                 *           "05:01"
                 *         ],
                 *         "DRB1": [
                 *           "15:01",
                 *           "04:01"
                 *         ],
                 *         "DQB1": [
                 *           "06:02",
                 *           "03:02"
                 *         ]
                 *       },
                 *       "resolution": "high",
                 *       "method": "NGS",
                 *       "typedAt": "2026-03-11T16:20:00Z"
                 *     }
                 */
                "application/json": components["schemas"]["HlaTypingDto"];
            };
        };
        responses: {
            /** @description `{applied, unit}`: `applied` is false when an older result arrived after a newer one (kept in the history, not current); `unit` as GET /units/:din */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no unit with this DIN. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too; the DIN is malformed or its check character is wrong (`INVALID_DIN`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnitStorageController_move: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description 13-character DIN or 14 with check character
                 * @example W123426000001
                 */
                din: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "positionId": "F02-R01-B01-A1",
                 *       "reason": "Consolidating rack 3 before maintenance"
                 *     }
                 */
                "application/json": components["schemas"]["MoveUnitDto"];
            };
        };
        responses: {
            /** @description the unit, as GET /units/:din */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no unit with this DIN. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too; the DIN is malformed or its check character is wrong (`INVALID_DIN`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnitsController_processing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 13-character ISBT 128 DIN, or 14 with its check character (a wrong one is 422) */
                din: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "processedAt": "2026-03-10T18:00:00Z",
                 *       "volumeMl": 25,
                 *       "tncCount": 1400000000,
                 *       "cd34Count": 4200000,
                 *       "viabilityPct": 92.5,
                 *       "cfuCount": 310000,
                 *       "nrbcCount": 120000000,
                 *       "method": "Sepax automated volume reduction"
                 *     }
                 */
                "application/json": components["schemas"]["ProcessingDto"];
            };
        };
        responses: {
            /** @description `{applied, unit}`: `applied` is false when an older result arrived after a newer one (kept in the history, not current); `unit` as GET /units/:din */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no unit with this DIN. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too; the DIN is malformed or its check character is wrong (`INVALID_DIN`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnitsController_receipt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 13-character ISBT 128 DIN, or 14 with its check character (a wrong one is 422) */
                din: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "receivedAt": "2026-03-10T14:00:00Z",
                 *       "temperatureOk": true,
                 *       "notes": "bag intact"
                 *     }
                 */
                "application/json": components["schemas"]["ReceiptDto"];
            };
        };
        responses: {
            /** @description `{applied, unit}`: `applied` is false when an older result arrived after a newer one (kept in the history, not current); `unit` as GET /units/:din */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no unit with this DIN. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too; the DIN is malformed or its check character is wrong (`INVALID_DIN`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnitStorageController_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description 13-character DIN or 14 with check character
                 * @example W123426000001
                 */
                din: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "testing",
                 *       "comment": "Confirmatory HLA typing on attached segment"
                 *     }
                 */
                "application/json": components["schemas"]["RetrieveUnitDto"];
            };
        };
        responses: {
            /** @description the unit, as GET /units/:din */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no unit with this DIN. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too; the DIN is malformed or its check character is wrong (`INVALID_DIN`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnitsController_status: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 13-character ISBT 128 DIN, or 14 with its check character (a wrong one is 422) */
                din: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusChangeDto"];
            };
        };
        responses: {
            /** @description the unit after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`); or a wrong e-signature password (`SIGNATURE_INVALID`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no unit with this DIN. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too; the DIN is malformed or its check character is wrong (`INVALID_DIN`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The account is locked after repeated wrong passwords or signatures; `Retry-After` says for how long. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/too-many-requests",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "detail": "Too many failed attempts; try again later",
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnitsController_sterility: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 13-character ISBT 128 DIN, or 14 with its check character (a wrong one is 422) */
                din: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SterilityDto"];
            };
        };
        responses: {
            /** @description `{applied, unit}`: `applied` is false when an older result arrived after a newer one (kept in the history, not current); `unit` as GET /units/:din */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no unit with this DIN. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too; the DIN is malformed or its check character is wrong (`INVALID_DIN`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnitStorageController_store: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description 13-character DIN or 14 with check character
                 * @example W123426000001
                 */
                din: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StoreUnitDto"];
            };
        };
        responses: {
            /** @description the unit, as GET /units/:din */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no unit with this DIN. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too; the DIN is malformed or its check character is wrong (`INVALID_DIN`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UsersController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UsersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "tech@bank.example",
                 *       "name": "Ada Lab",
                 *       "password": "correct horse battery staple",
                 *       "roles": [
                 *         "lab_technician"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UsersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the user id (uuid)
                 * @example 3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/malformed-json",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "detail": "The body is not valid JSON",
                     *       "code": "MALFORMED_JSON",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No, expired or invalid bearer token (`UNAUTHENTICATED`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthenticated",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "detail": "Send a bearer token (POST /api/v1/auth/login)",
                     *       "code": "UNAUTHENTICATED",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "detail": "This needs one of the roles: coordinator",
                     *       "code": "FORBIDDEN",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (`NOT_FOUND`): no record with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "detail": "Unit \"W123426000001\" was not found",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/invalid-transition",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "A unit in quarantine can not become shipped",
                     *       "code": "INVALID_TRANSITION",
                     *       "allowed": [
                     *         "available",
                     *         "on_hold",
                     *         "discarded"
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable: the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "detail": "signedAt: signedAt must be a valid ISO 8601 date string",
                     *       "code": "VALIDATION_FAILED",
                     *       "errors": [
                     *         {
                     *           "field": "signedAt",
                     *           "message": "signedAt must be a valid ISO 8601 date string"
                     *         }
                     *       ],
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/database-unavailable",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "detail": "The database is unavailable; try again shortly",
                     *       "code": "DATABASE_UNAVAILABLE",
                     *       "requestId": "5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
}
