// Generated from Mimic's OpenAPI document by openapi-typescript (npm run generate). Do not edit.

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health of the app and what it depends on */
        get: operations["health_health_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Name and version of the API */
        get: operations["api_info_api_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account
         * @description Creates the user and their first workspace, which they own.
         */
        post: operations["register_api_auth_register_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange email and password for an access token */
        post: operations["login_api_auth_login_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start the dashboard's session (sets its HttpOnly cookie)
         * @description The dashboard checks the password over its live connection and gets a one-minute,
         *     single-use ticket; its page posts the ticket here (a plain form), and this answer sets the
         *     access token as a cookie scripts cannot read (HttpOnly, SameSite=Strict, Secure over HTTPS).
         */
        post: operations["start_session_api_auth_session_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out: end this token (or, with everywhere=true, every token of the account)
         * @description The token (the bearer token, else the dashboard's cookie) is refused from now on, and
         *     the cookie is cleared. A plain form post (the dashboard's Sign out) is sent on to /login.
         */
        post: operations["logout_api_auth_logout_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller, their workspace and role */
        get: operations["me_api_auth_me_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change your name or password
         * @description A new password ends every token of the account, this one included: sign in again.
         */
        patch: operations["update_me_api_auth_me_patch"];
        trace?: never;
    };
    "/api/auth/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's API keys */
        get: operations["list_api_keys_api_auth_api_keys_get"];
        put?: never;
        /**
         * Create an API key
         * @description The whole key is in this answer only; afterwards it is shown by its prefix.
         */
        post: operations["create_api_key_api_auth_api_keys_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/api-keys/{key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["revoke_api_key_api_auth_api_keys__key_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your workspaces and your role in each */
        get: operations["list_workspaces_api_workspaces_get"];
        put?: never;
        /** Create a workspace */
        post: operations["create_workspace_api_workspaces_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/current": {
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
        /** Rename the current workspace */
        patch: operations["rename_workspace_api_workspaces_current_patch"];
        trace?: never;
    };
    "/api/workspaces/{workspace_id}/switch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make a workspace your current one */
        post: operations["switch_workspace_api_workspaces__workspace_id__switch_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/access/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The roles and what each may do */
        get: operations["list_roles_api_access_roles_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/access/team": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's members and pending invitations */
        get: operations["get_team_api_access_team_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/access/team/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invite someone by email
         * @description Answers the invitation with its token and link (on MIMIC_PUBLIC_URL), shown this once;
         *     send the link to the invitee.
         */
        post: operations["invite_member_api_access_team_members_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/access/team/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member */
        delete: operations["remove_member_api_access_team_members__user_id__delete"];
        options?: never;
        head?: never;
        /** Change a member's role */
        patch: operations["change_role_api_access_team_members__user_id__patch"];
        trace?: never;
    };
    "/api/access/invitations/{invitation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Withdraw an invitation */
        delete: operations["revoke_invitation_api_access_invitations__invitation_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/access/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation
         * @description The signed-in user joins the workspace; the invitation must name their email.
         */
        post: operations["accept_invitation_api_access_invitations_accept_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log, newest first
         * @description Sign-ins (good and failed), API keys made and revoked, invitations, role changes and
         *     removals, and deletions. Readable by owners and admins.
         */
        get: operations["list_events_api_audit_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/personas/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import personas from JSON or YAML
         * @description One object, a list, or an export document; all or nothing.
         */
        post: operations["import_items_api_personas_import_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/personas/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export personas as JSON or YAML */
        get: operations["export_items_api_personas_export_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/personas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List personas (search with q, paginated) */
        get: operations["list_items_api_personas_get"];
        put?: never;
        /** Create a persona */
        post: operations["create_item_api_personas_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/personas/{item_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a persona */
        get: operations["get_item_api_personas__item_id__get"];
        /** Replace a persona */
        put: operations["replace_item_api_personas__item_id__put"];
        post?: never;
        /** Delete a persona */
        delete: operations["delete_item_api_personas__item_id__delete"];
        options?: never;
        head?: never;
        /** Change part of a persona */
        patch: operations["update_item_api_personas__item_id__patch"];
        trace?: never;
    };
    "/api/personas/{item_id}/duplicate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Copy a persona */
        post: operations["duplicate_item_api_personas__item_id__duplicate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/objectives/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import objectives from JSON or YAML
         * @description One object, a list, or an export document; all or nothing.
         */
        post: operations["import_items_api_objectives_import_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/objectives/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export objectives as JSON or YAML */
        get: operations["export_items_api_objectives_export_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/objectives": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List objectives (search with q, paginated) */
        get: operations["list_items_api_objectives_get"];
        put?: never;
        /** Create a objective */
        post: operations["create_item_api_objectives_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/objectives/{item_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a objective */
        get: operations["get_item_api_objectives__item_id__get"];
        /** Replace a objective */
        put: operations["replace_item_api_objectives__item_id__put"];
        post?: never;
        /** Delete a objective */
        delete: operations["delete_item_api_objectives__item_id__delete"];
        options?: never;
        head?: never;
        /** Change part of a objective */
        patch: operations["update_item_api_objectives__item_id__patch"];
        trace?: never;
    };
    "/api/objectives/{item_id}/duplicate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Copy a objective */
        post: operations["duplicate_item_api_objectives__item_id__duplicate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List agents (search with q, paginated) */
        get: operations["list_items_api_agents_get"];
        put?: never;
        /** Create a agent */
        post: operations["create_item_api_agents_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agents/{item_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a agent */
        get: operations["get_item_api_agents__item_id__get"];
        /** Replace a agent */
        put: operations["replace_item_api_agents__item_id__put"];
        post?: never;
        /** Delete a agent */
        delete: operations["delete_item_api_agents__item_id__delete"];
        options?: never;
        head?: never;
        /** Change part of a agent */
        patch: operations["update_item_api_agents__item_id__patch"];
        trace?: never;
    };
    "/api/agents/{item_id}/duplicate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Copy a agent */
        post: operations["duplicate_item_api_agents__item_id__duplicate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agents/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test an agent's settings before saving them
         * @description The connection test for a type and config not saved yet (the editor's Test before Save):
         *     the config is checked as a save checks it (422 naming each bad field), the probe goes out
         *     under the same outbound policy, and nothing is stored. With `agentId`, secrets sent back
         *     masked keep that agent's stored ones.
         */
        post: operations["test_agent_draft_api_agents_test_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agents/{agent_id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send one probe message
         * @description Reports whether the agent answered, its latency, and the reply or the error as it came.
         */
        post: operations["test_agent_api_agents__agent_id__test_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agents/{agent_id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask a hosted agent one question */
        post: operations["run_agent_api_agents__agent_id__run_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/whatsapp/{agent_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A bot under test sends a WhatsApp message */
        post: operations["send_message_api_whatsapp__agent_id__messages_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List sessions */
        get: operations["list_sessions_api_sessions_get"];
        put?: never;
        /**
         * Create a session
         * @description A persona in front of an agent with an objective; `autoStart` starts it at once.
         */
        post: operations["create_session_api_sessions_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A session with its messages, verdict and findings */
        get: operations["get_session_api_sessions__session_id__get"];
        put?: never;
        post?: never;
        /** Stop a session (its transcript is kept) */
        delete: operations["stop_session_api_sessions__session_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A session's state, without its transcript
         * @description Status, outcome and counts in one light read: what a script polls.
         */
        get: operations["get_session_state_api_sessions__session_id__status_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}/wait": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Wait for a session to end (long-poll)
         * @description Answers as soon as the session has ended (`ended: true`), or after `timeout` seconds with
         *     its state then (`ended: false`: ask again). Nothing is read while it waits.
         */
        get: operations["wait_for_session_api_sessions__session_id__wait_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}/verdicts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The session's verdict: criteria and checks, with evidence, blame, the judge model and prompt version
         * @description The latest judgement's rows (null before the session was judged). A criterion: its
         *     status (met / not_met / inconclusive), reasoning, `evidenceMessageIds` (a browser
         *     session's: the ids of its steps), `blame` (agent,
         *     simulator, judge or infrastructure) and `source` (judge, or check when an objective check
         *     decided it); a check: the same, with `gating` (whether its failure fails the session).
         */
        get: operations["get_verdicts_api_sessions__session_id__verdicts_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The findings of the session's verdict
         * @description The latest judgement's findings (source judge: the audit; source check: a deterministic
         *     check) and a browser session's measured and persona findings; `evidence.messageIds` cite
         *     the transcript, a browser session's judge findings cite its steps (`evidence.stepIds`,
         *     on the first one's `eventId` and `page`).
         */
        get: operations["get_findings_api_sessions__session_id__findings_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}/judgements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every judgement of the session
         * @description Newest first; the first is the session's verdict. Each names its judge model and prompt
         *     version, its outcome and blame, and the simulator check.
         */
        get: operations["list_judgements_api_sessions__session_id__judgements_get"];
        put?: never;
        /**
         * Judge the stored session again, without replaying it
         * @description The stored transcript, persona, objective and end judged by `judgeModel` (else the
         *     session's), with `repeats` independent judgements (majority per criterion, temperature
         *     above 0) when asked. Every judgement is kept (GET …/judgements); the new one becomes the
         *     session's verdict unless a human review overrides it, and the run's figures follow (the
         *     previous ones kept). A judge model that fails answers the judgement with status `error`
         *     and the verdict stays. 409 for a session that has not ended or cannot be judged again.
         */
        post: operations["rejudge_session_api_sessions__session_id__judgements_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Human reviews of the verdict
         * @description Newest first; the first overrides the judge's outcome.
         */
        get: operations["list_reviews_api_sessions__session_id__reviews_get"];
        put?: never;
        /**
         * Review the session's verdict
         * @description Every criterion met / not_met / inconclusive with a note (and whose it is), findings
         *     confirmed or dismissed, findings the judge missed added (with the messages that show
         *     them). The review's outcome overrides the judge's; audited; `review.completed` is sent.
         */
        post: operations["submit_review_api_sessions__session_id__reviews_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a pending session */
        post: operations["start_session_api_sessions__session_id__start_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}/rerun": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run the session again with the same settings
         * @description A new session, started at once, with the same agent, persona, objective, seed, limits
         *     and models (the ones the first session used); the first one is left as it was.
         */
        post: operations["rerun_session_api_sessions__session_id__rerun_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tokens and cost per role
         * @description Per role (simulator, agent, judge): the models it called, calls, tokens, cost in USD.
         */
        get: operations["get_usage_api_sessions__session_id__usage_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a session */
        post: operations["cancel_session_api_sessions__session_id__cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The session as JSON or Markdown
         * @description A browser session's export also holds every step (action, target, reasoning, outcome, URL,
         *     timing) with its findings and files, and its pages. Also accepts ?token= and the dashboard's
         *     cookie, so a download link works.
         */
        get: operations["export_session_api_sessions__session_id__export_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A browser session's printable report (HTML, screenshots inline)
         * @description Every step with its screenshot, the verdict and the findings by page, on one page to print
         *     or save as PDF. Also accepts ?token= and the dashboard's cookie, so a link opens it.
         */
        get: operations["session_report_api_sessions__session_id__report_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}/pages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A browser session's pages
         * @description The pages the persona went through (origin + path), in order, with the steps taken on
         *     each and its findings; a finding seen on several pages is listed on each.
         */
        get: operations["list_pages_api_sessions__session_id__pages_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A session's stored files
         * @description Screenshots of a browser session's steps (with the event they belong to) and its trace.
         */
        get: operations["list_artifacts_api_sessions__session_id__artifacts_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}/artifacts/{artifact_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One stored file, with its content type
         * @description Also accepts ?token= and the dashboard's cookie, so that an <img> can show a screenshot.
         */
        get: operations["get_artifact_api_sessions__session_id__artifacts__artifact_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A session's events, in order */
        get: operations["list_events_api_events__session_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{session_id}/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A session's findings */
        get: operations["list_findings_api_events__session_id__findings_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{session_id}/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live updates (Server-Sent Events)
         * @description Events: `connected`, then `update` ({type: message | status | progress | finding | error |
         *     complete, data}) and `heartbeat`; the stream ends after `complete`, or with an `error` event
         *     once the credential is revoked or the caller loses the workspace. Accepts ?token=.
         */
        get: operations["stream_api_events__session_id__stream_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Providers and the default models */
        get: operations["list_providers_api_providers_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/providers/{provider_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a provider's credentials
         * @description Secrets are stored encrypted and shown masked; a masked value sent back keeps the stored one.
         */
        put: operations["configure_provider_api_providers__provider_id__put"];
        post?: never;
        /** Forget a provider */
        delete: operations["remove_provider_api_providers__provider_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/providers/{provider_id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * One tiny completion
         * @description Reports the latency, or the provider's error as it came.
         */
        post: operations["test_provider_api_providers__provider_id__test_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The models this workspace can use */
        get: operations["list_models_api_models_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models/custom": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a custom model */
        post: operations["add_custom_model_api_models_custom_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models/custom/{model_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a custom model */
        delete: operations["remove_custom_model_api_models_custom__model_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models/defaults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Default model per role */
        put: operations["set_default_models_api_models_defaults_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Session analytics of a range of days
         * @description Counts, success rate and one entry per day. successRate is passed / (passed + failed):
         *     infrastructure errors are left out (and counted in infrastructureErrors). Bad or reversed
         *     dates answer 422.
         */
        get: operations["session_analytics_api_analytics_sessions_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The dashboard: the last 30 days at a glance */
        get: operations["overview_api_analytics_overview_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/breakdown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Success per persona x objective, distributions
         * @description What the Analytics page shows: the persona x objective success matrix, duration and
         *     latency histograms, the most recurring findings and the cost per day.
         */
        get: operations["breakdown_api_analytics_breakdown_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/judge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The judge's flip rate and human agreement over time
         * @description With judge repeats: the share of criteria whose independent judgements did not all
         *     agree (flipRate), per UTC day and per judge model and prompt version; and the criteria
         *     human reviewers ruled otherwise than the judge.
         */
        get: operations["judge_stability_api_analytics_judge_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/agents/{agent_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One agent's performance
         * @description The session analytics of one agent, plus success per persona and per objective, reply
         *     latency p50/p95, findings by type and severity, and cost.
         */
        get: operations["agent_analytics_api_analytics_agents__agent_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/pages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A website's findings page by page, against another
         * @description Findings per page of the agent's sessions that ended in the range, beside the baseline
         *     agent's: pages are matched by their path below each agent's site root (the folder of its
         *     target URL), so /before/survey.html and /after/survey.html are one row.
         */
        get: operations["pages_api_analytics_pages_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/agents/{agent_id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A printable report of one agent (HTML, charts as PNG)
         * @description A self-contained HTML page to print or save: the figures, each chart as a PNG image
         *     (rendered by kaleido) and its table. Also accepts ?token= and the dashboard's cookie, so a
         *     link from the dashboard opens it.
         */
        get: operations["agent_report_api_analytics_agents__agent_id__report_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/suites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List suites (search with q, paginated) */
        get: operations["list_items_api_suites_get"];
        put?: never;
        /** Create a suite */
        post: operations["create_item_api_suites_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/suites/{item_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a suite */
        get: operations["get_item_api_suites__item_id__get"];
        /** Replace a suite */
        put: operations["replace_item_api_suites__item_id__put"];
        post?: never;
        /** Delete a suite */
        delete: operations["delete_item_api_suites__item_id__delete"];
        options?: never;
        head?: never;
        /** Change part of a suite */
        patch: operations["update_item_api_suites__item_id__patch"];
        trace?: never;
    };
    "/api/suites/{item_id}/duplicate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Copy a suite */
        post: operations["duplicate_item_api_suites__item_id__duplicate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/suites/{suite_id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a run of the suite
         * @description Creates one session per cell and repeat and schedules them under the concurrency cap.
         *     Follow it with GET /api/runs/{id}; it ends (status completed) when its last session ends.
         *     An optional body overrides, for this run only, the repeats, the seed, or narrows the
         *     matrix to some of the suite's personas and objectives.
         */
        post: operations["run_suite_api_suites__suite_id__run_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/suites/{suite_id}/trend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The suite's pass rate over its runs
         * @description Per run, oldest first: the pass rate of judged sessions with its 95 % Wilson interval,
         *     the run's label (the agent's version), the threshold it was held to and whether it fell
         *     under it.
         */
        get: operations["suite_trend_api_suites__suite_id__trend_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/suites/{suite_id}/threshold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set the suite's alert threshold
         * @description The least pass rate of a run (config.thresholds.passRate; null removes it). A completed
         *     run under it is marked belowThreshold and fires the webhook event run.below_threshold.
         */
        put: operations["set_threshold_api_suites__suite_id__threshold_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List runs, newest first */
        get: operations["list_runs_api_runs_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A run's status and progress, without its matrix */
        get: operations["get_run_state_api_runs__run_id__status_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/wait": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Wait for a run to end or progress (long-poll)
         * @description Answers as soon as the run has ended (`endedAt` set), or, with `done`, as soon as
         *     `progress.done` differs from it; else after `timeout` seconds with the run then.
         */
        get: operations["wait_for_run_api_runs__run_id__wait_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A run: progress, overall and per-cell results */
        get: operations["get_run_api_runs__run_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a run's sessions that have not ended */
        post: operations["cancel_run_api_runs__run_id__cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/compare/{baseline_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Compare a run with a baseline run of the same suite
         * @description The change per cell (newly failing first), and McNemar's test over the sessions
         *     matched by cell and repeat.
         */
        get: operations["compare_runs_api_runs__run_id__compare__baseline_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/compare/{baseline_id}/transcripts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Per changed cell, the two runs' sessions side by side
         * @description Per changed cell (newly failing first): a session of each run (the repeat whose outcome
         *     changed, else the first), its transcript, and the verdict rows whose status changed.
         */
        get: operations["compare_transcripts_api_runs__run_id__compare__baseline_id__transcripts_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/junit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The run as JUnit XML
         * @description Also accepts ?token= and the dashboard's cookie, so the run page's download link works.
         */
        get: operations["junit_report_api_runs__run_id__junit_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every session's verdict and findings
         * @description The run with, per session, the verdict per criterion, the findings, and the
         *     transcript of each session that did not pass (what `mimic test` writes its reports from).
         */
        get: operations["run_report_api_runs__run_id__report_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/judgements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Judge every session of an ended run again
         * @description In the background: each session that ran to its end is judged again (`judgeModel`,
         *     `temperature`, `repeats`), then the matrix and statistics are restated, the previous
         *     figures kept in `summaryHistory`. `rejudge` follows the progress; `run.rejudged` is sent.
         */
        post: operations["rejudge_run_api_runs__run_id__judgements_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/judgements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Judged conversations
         * @description Newest first.
         */
        get: operations["list_judgements_api_judgements_get"];
        put?: never;
        /**
         * Judge a conversation that did not happen in Mimic
         * @description The persona, the objective (goal, constraints, success criteria, optional checks) and
         *     the transcript in the seeds' message shape (`senderType` persona | agent, `content`,
         *     optional `id` and `latencyMs`), judged exactly as a session is: `verdict` (criteria and
         *     checks with evidence, blame, agreement with repeats) and `findings`. A transcript without
         *     an agent message, with an unknown sender or without success criteria is a 422, and
         *     nothing is stored. The answer carries the conversation as judged, each message with the id
         *     its evidence cites (m1, m2, … where none was given); the list leaves it out.
         */
        post: operations["judge_conversation_api_judgements_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/judgements/{judgement_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A judged conversation
         * @description The verdict and findings with the conversation judged (its messages' ids, as the evidence cites them).
         */
        get: operations["get_judgement_api_judgements__judgement_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The review queue
         * @description Judged sessions waiting for a human review, newest first.
         */
        get: operations["review_queue_api_reviews_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/judging/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's judging settings */
        get: operations["get_settings_api_judging_settings_get"];
        /**
         * Change the judging settings (admins)
         * @description `judgeRepeats`: the default number of independent judgements; `reviewSampleRate`: the
         *     share of judged sessions the review queue samples. Audited.
         */
        put: operations["put_settings_api_judging_settings_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calibration-sets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Calibration sets */
        get: operations["list_sets_api_calibration_sets_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calibration-sets/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a calibration set from JSON or YAML
         * @description {name, version, description, cases: [{id, category, hard, persona, objective,
         *     agentInstructions, endReason, transcript: [{id, senderType, content, latencyMs}],
         *     labels: [{criterion, status, evidence, why}], expectedFindings: [{type, severity,
         *     evidence}]}]}; every bad field is named (`cases.3.labels`). 409 when the name is taken.
         */
        post: operations["import_set_api_calibration_sets_import_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calibration-sets/from-reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Build a calibration set from reviewed sessions
         * @description Each reviewed session (of `runId`, `agentId`, or `sessionIds`) becomes a case: its
         *     latest review's readings are the labels, its confirmed and added findings the expected
         *     ones; a case the reviewer and the judge (or its repeats) disagreed on is marked hard.
         */
        post: operations["set_from_reviews_api_calibration_sets_from_reviews_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calibration-sets/{set_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A calibration set */
        get: operations["get_set_api_calibration_sets__set_id__get"];
        put?: never;
        post?: never;
        /**
         * Delete a calibration set
         * @description Its reports stay; a suite gate naming it fails until a set of that name exists again.
         */
        delete: operations["delete_set_api_calibration_sets__set_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calibration-sets/{set_id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A calibration set as JSON or YAML */
        get: operations["export_set_api_calibration_sets__set_id__export_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calibrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Calibration reports
         * @description Newest first.
         */
        get: operations["list_reports_api_calibrations_get"];
        put?: never;
        /**
         * Run a judge over a calibration set
         * @description `setId` (id or name), `judgeModel` (else the workspace's judge), `repeats` (the flip
         *     rate needs 2 or more), `temperature`. Runs in the background: poll GET
         *     /api/calibrations/{id} until `status` is completed or error; `calibration.completed` is
         *     sent then. The report names the prompt version of the judge.
         */
        post: operations["start_calibration_api_calibrations_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calibrations/{report_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A calibration report
         * @description The figures, and every case with both readings of each criterion.
         */
        get: operations["get_report_api_calibrations__report_id__get"];
        put?: never;
        post?: never;
        /** Delete a calibration report */
        delete: operations["delete_report_api_calibrations__report_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The events a webhook can subscribe to */
        get: operations["list_events_api_webhooks_events_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhooks */
        get: operations["list_webhooks_api_webhooks_get"];
        put?: never;
        /**
         * Create a webhook
         * @description Without `secret`, one is made and shown once in the answer.
         */
        post: operations["create_webhook_api_webhooks_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{webhook_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook */
        get: operations["get_webhook_api_webhooks__webhook_id__get"];
        /**
         * Replace a webhook
         * @description Leaving `secret` out (or sending the mask back) keeps the stored secret.
         */
        put: operations["replace_webhook_api_webhooks__webhook_id__put"];
        post?: never;
        /** Delete a webhook and its log */
        delete: operations["delete_webhook_api_webhooks__webhook_id__delete"];
        options?: never;
        head?: never;
        /** Change part of a webhook */
        patch: operations["update_webhook_api_webhooks__webhook_id__patch"];
        trace?: never;
    };
    "/api/webhooks/{webhook_id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test delivery now
         * @description One signed `webhook.test` delivery, tried once; the answer says how it went.
         */
        post: operations["test_webhook_api_webhooks__webhook_id__test_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{webhook_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The webhook's delivery log */
        get: operations["list_deliveries_api_webhooks__webhook_id__deliveries_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/findings/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The findings inbox: findings grouped
         * @description One row per recurring problem: findings whose type, rule and text agree once counts,
         *     numbers, ids, quotes and URLs are set aside ("the same reply 2 times" and "3 times" are
         *     one row), with how often and where it was seen, its highest severity and its state. A
         *     group marked fixed that was seen again since is `regressed`.
         */
        get: operations["list_groups_api_findings_groups_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/findings/groups/{signature}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One group with its occurrences */
        get: operations["get_group_api_findings_groups__signature__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Set a group's state
         * @description open, acknowledged, fixed or wont_fix, with an optional note. The state holds for the
         *     group's later occurrences too; one seen after it was marked fixed reads `regressed`.
         */
        patch: operations["set_group_state_api_findings_groups__signature__patch"];
        trace?: never;
    };
    "/api/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the workspace
         * @description Names and descriptions of personas, objectives, agents and suites, and sessions by the names
         *     of their persona, objective and agent (or the start of their id), in the caller's workspace.
         *     An empty or over-long query or an unknown type is a 422 in the one error shape.
         */
        get: operations["search_workspace_api_search_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{session_id}/voice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A voice session's call: latency, talk-over, barge-in, recordings
         * @description Per answer and per call: time from the end of the persona's speech to the agent's first
         *     audio (p50, p95), silences, talk-over, whether the agent stopped when interrupted, words
         *     per minute and recognition confidence; the timeline of who spoke when; the recordings.
         */
        get: operations["get_voice_call_api_sessions__session_id__voice_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/voice/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's audio retention */
        get: operations["get_voice_settings_api_voice_settings_get"];
        /** Set how many days call recordings are kept (admins) */
        put: operations["update_voice_settings_api_voice_settings_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/schemas/mimic.yaml.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The JSON Schema of mimic.yaml
         * @description Public, so that editors can fetch it: `# yaml-language-server: $schema=<url>`.
         */
        get: operations["mimic_yaml_schema_api_schemas_mimic_yaml_json_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mimic-yaml/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Push mimic.yaml into the workspace (create or replace by name; all or nothing)
         * @description JSON {document, env, dryRun}, or the YAML file itself (then every ${NAME} must have been
         *     pushed before). Items are matched by name; nothing else in the workspace changes.
         */
        post: operations["import_mimic_yaml_api_mimic_yaml_import_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mimic-yaml/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Pull the workspace as mimic.yaml
         * @description Without names, the whole workspace; with names, exactly those items. Secrets come out
         *     as the ${NAME} references they were pushed as (never as values). format=yaml answers the
         *     file itself; json answers {document, warnings, missing}.
         */
        get: operations["export_mimic_yaml_api_mimic_yaml_export_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** AddedFinding */
        AddedFinding: {
            /** Type */
            type: string;
            /**
             * Severity
             * @enum {string}
             */
            severity: "low" | "medium" | "high" | "critical";
            /** Description */
            description: string;
            /**
             * Evidence
             * @description Ids of the messages that show it
             */
            evidence?: string[];
            /**
             * Note
             * @default
             */
            note?: string;
        };
        /**
         * AgentAnalytics
         * @description The session analytics of one agent, and why its sessions pass or fail.
         */
        AgentAnalytics: {
            /**
             * Startdate
             * Format: date
             * @description First UTC day of the range (inclusive)
             */
            startDate: string;
            /**
             * Enddate
             * Format: date
             * @description Last UTC day of the range (inclusive)
             */
            endDate: string;
            /**
             * Totalsessions
             * @description Sessions created in the range
             */
            totalSessions: number;
            /**
             * Activesessions
             * @description Of those, sessions not ended yet (pending or running)
             */
            activeSessions: number;
            /**
             * Completedsessions
             * @description Of those, sessions that ran to the end (status completed)
             */
            completedSessions: number;
            /**
             * Failedsessions
             * @description Of those, sessions whose agent did not meet the objective (outcome failed)
             */
            failedSessions: number;
            /**
             * Passedsessions
             * @description Sessions whose agent met the objective (outcome passed)
             */
            passedSessions: number;
            /**
             * Cancelledsessions
             * @description Sessions stopped by a user (outcome cancelled)
             */
            cancelledSessions: number;
            /**
             * Infrastructureerrors
             * @description Sessions whose outcome is `error` (infrastructure): left out of successRate.
             */
            infrastructureErrors: number;
            /**
             * Simulatorerrors
             * @description Sessions the persona spoiled (outcome `simulator_error`): left out of successRate.
             * @default 0
             */
            simulatorErrors?: number;
            /**
             * Inconclusivesessions
             * @description Sessions the judge could not decide (outcome `inconclusive`): left out of successRate.
             * @default 0
             */
            inconclusiveSessions?: number;
            /**
             * Averageduration
             * @description Mean duration in seconds of the sessions that ended
             */
            averageDuration: number | null;
            /**
             * Totalmessages
             * @description Messages of the sessions in the range
             */
            totalMessages: number;
            /**
             * Successrate
             * @description passed / (passed + failed), from 0 to 1. Infrastructure errors (outcome `error`: the target, the simulator or the judge failed), sessions the simulator spoiled (`simulator_error`), sessions the judge could not decide (`inconclusive`) and cancelled sessions are left out, so they never count against the agent; null when no session was passed or failed.
             */
            successRate: number | null;
            /**
             * Totalcost
             * @description LLM cost in US dollars (simulator, judge and hosted agent)
             */
            totalCost: number;
            /** Totaltokens */
            totalTokens: number;
            /**
             * Dailystats
             * @description One entry per day of the range, days without sessions too
             */
            dailyStats: components["schemas"]["DailyStats"][];
            /** Agentid */
            agentId: string;
            /** Agentname */
            agentName: string;
            /**
             * Bypersona
             * @description Success per persona, most sessions first
             */
            byPersona: components["schemas"]["OutcomeBreakdown"][];
            /**
             * Byobjective
             * @description Success per objective, most sessions first
             */
            byObjective: components["schemas"]["OutcomeBreakdown"][];
            latency: components["schemas"]["LatencyStats"];
            findings: components["schemas"]["FindingsSummary"];
            cost: components["schemas"]["CostStats"];
            /** @description Voice calls, when the agent is a voice agent */
            voice?: components["schemas"]["VoiceStats"] | null;
        };
        /** AgentCreate */
        AgentCreate: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            type: components["schemas"]["AgentType"];
            /** Config */
            config?: {
                [key: string]: unknown;
            };
            /**
             * Status
             * @default active
             * @enum {string}
             */
            status?: "active" | "inactive";
        } & unknown;
        /**
         * AgentPublic
         * @description Secrets in `config` are masked (the last 4 characters at most).
         */
        AgentPublic: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Description */
            description: string;
            type: components["schemas"]["AgentType"];
            /** Config */
            config: {
                [key: string]: unknown;
            };
            /** Status */
            status: string;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
        };
        /** AgentRunRequest */
        AgentRunRequest: {
            /** Message */
            message: string;
            /**
             * Context
             * @description Free context; `history`: [{role: user|assistant, content}] is replayed
             */
            context?: {
                [key: string]: unknown;
            };
        };
        /** AgentRunResult */
        AgentRunResult: {
            /** Content */
            content: string;
            /** Model */
            model: string;
            usage: components["schemas"]["AgentRunUsage"];
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
        };
        /** AgentRunUsage */
        AgentRunUsage: {
            /** Inputtokens */
            inputTokens: number;
            /** Outputtokens */
            outputTokens: number;
            /** Cost */
            cost: number;
        };
        /**
         * AgentTestDraft
         * @description An agent's settings as an editor holds them, tested before they are saved.
         */
        AgentTestDraft: {
            type: components["schemas"]["AgentType"];
            /** Config */
            config?: {
                [key: string]: unknown;
            };
            /**
             * Agentid
             * @description The agent being edited, if any: a secret sent back masked (or left out) keeps the stored one
             */
            agentId?: string | null;
        } & unknown;
        /** AgentTestResult */
        AgentTestResult: {
            /** Reachable */
            reachable: boolean;
            /** Latencyms */
            latencyMs?: number | null;
            /** Reply */
            reply?: string | null;
            /** Error */
            error?: string | null;
            /** Statuscode */
            statusCode?: number | null;
        };
        /**
         * AgentType
         * @enum {string}
         */
        AgentType: "http" | "openai" | "websocket" | "hosted" | "browser" | "whatsapp" | "voice";
        /** AgentUpdate */
        AgentUpdate: {
            /** Name */
            name?: string | null;
            /** Description */
            description?: string | null;
            type?: components["schemas"]["AgentType"] | null;
            /** Config */
            config?: {
                [key: string]: unknown;
            } | null;
            /** Status */
            status?: ("active" | "inactive") | null;
        } & unknown;
        /**
         * AnalyticsBreakdown
         * @description What the Analytics page shows for a range, optionally for one agent and one persona.
         */
        AnalyticsBreakdown: {
            /**
             * Startdate
             * Format: date
             */
            startDate: string;
            /**
             * Enddate
             * Format: date
             */
            endDate: string;
            summary: components["schemas"]["SessionAnalytics"];
            /**
             * Matrix
             * @description Success per persona x objective pair
             */
            matrix: components["schemas"]["OutcomeBreakdown"][];
            /**
             * Durationhistogram
             * @description Durations in seconds of the sessions that ended
             */
            durationHistogram: components["schemas"]["HistogramBin"][];
            latency: components["schemas"]["LatencyStats"];
            /**
             * Latencyhistogram
             * @description Agent reply latencies in milliseconds
             */
            latencyHistogram: components["schemas"]["HistogramBin"][];
            /**
             * Topfindings
             * @description The findings recorded most often
             */
            topFindings: components["schemas"]["RecurringFinding"][];
            findings: components["schemas"]["FindingsSummary"];
            cost: components["schemas"]["CostStats"];
            /** @description Voice calls in the range (null: none) */
            voice?: components["schemas"]["VoiceStats"] | null;
        };
        /** ApiInfo */
        ApiInfo: {
            /** Name */
            name: string;
            /** Version */
            version: string;
            /** Status */
            status: string;
        };
        /** ApiKeyCreate */
        ApiKeyCreate: {
            /** Name */
            name: string;
            /** Expiresat */
            expiresAt?: string | null;
        };
        /**
         * ApiKeyCreated
         * @description Returned once, at creation: the only time the whole key is shown.
         */
        ApiKeyCreated: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Prefix */
            prefix: string;
            /** Userid */
            userId: string;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /** Expiresat */
            expiresAt: string | null;
            /** Lastusedat */
            lastUsedAt: string | null;
            /** Revokedat */
            revokedAt: string | null;
            /**
             * Status
             * @default active
             * @enum {string}
             */
            status?: "active" | "expired" | "revoked";
            /** Key */
            key: string;
        };
        /** ApiKeyPublic */
        ApiKeyPublic: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Prefix */
            prefix: string;
            /** Userid */
            userId: string;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /** Expiresat */
            expiresAt: string | null;
            /** Lastusedat */
            lastUsedAt: string | null;
            /** Revokedat */
            revokedAt: string | null;
            /**
             * Status
             * @default active
             * @enum {string}
             */
            status?: "active" | "expired" | "revoked";
        };
        /** ArtifactPublic */
        ArtifactPublic: {
            /** Id */
            id: string;
            /** Sessionid */
            sessionId: string | null;
            /** Eventid */
            eventId: string | null;
            /** Kind */
            kind: string;
            /** Name */
            name: string;
            /** Contenttype */
            contentType: string;
            /** Size */
            size: number;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Url
             * @description Where the file is served (GET, same credentials)
             */
            url: string;
        };
        /** AuditEventPublic */
        AuditEventPublic: {
            /** Id */
            id: string;
            /** Action */
            action: string;
            /**
             * Actoruserid
             * @description The user who acted; null for a failed sign-in of an unknown email
             */
            actorUserId: string | null;
            /**
             * Actorapikeyid
             * @description The API key used, when the user acted through one
             */
            actorApiKeyId: string | null;
            /** Actoremail */
            actorEmail: string;
            /**
             * Targettype
             * @description What was acted on: "user", "api_key", "member", "persona", ...
             */
            targetType: string;
            /** Targetid */
            targetId: string;
            /**
             * Targetname
             * @description Its name at the time, kept after it is deleted
             */
            targetName: string;
            /** Details */
            details: {
                [key: string]: unknown;
            };
            /** Ip */
            ip: string;
            /** Useragent */
            userAgent: string;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
        };
        /** BargeInConfig */
        BargeInConfig: {
            /**
             * Afterms
             * @description How far into the agent's answer the persona cuts in
             */
            afterMs: number;
            /**
             * Every
             * @description On every n-th answer
             * @default 1
             */
            every?: number;
            /**
             * Maxtimes
             * @default 1
             */
            maxTimes?: number;
        };
        /** Body_start_session_api_auth_session_post */
        Body_start_session_api_auth_session_post: {
            /**
             * Ticket
             * @description The sign-in ticket
             */
            ticket: string;
            /**
             * Next
             * @description Where to go afterwards (a path)
             * @default /
             */
            next?: string;
        };
        /** CalibrationCreate */
        CalibrationCreate: {
            /**
             * Setid
             * @description The calibration set's id or name
             */
            setId: string;
            /**
             * Judgemodel
             * @description Else the workspace's default judge model
             */
            judgeModel?: string | null;
            /**
             * Repeats
             * @description Judge repeats per case (gives the flip rate)
             * @default 1
             */
            repeats?: number;
            /** Temperature */
            temperature?: number | null;
        };
        /** CalibrationDetail */
        CalibrationDetail: {
            /** Id */
            id: string;
            /** Setid */
            setId: string | null;
            /** Setname */
            setName: string;
            /** Judgemodel */
            judgeModel: string;
            /** Promptversion */
            promptVersion: string;
            /** Repeats */
            repeats: number;
            /** Temperature */
            temperature: number | null;
            /**
             * Status
             * @description running | completed | error
             */
            status: string;
            /** Casecount */
            caseCount: number;
            /** Criteriacount */
            criteriaCount: number;
            /** Donecases */
            doneCases: number;
            /** Accuracy */
            accuracy: number | null;
            /** Kappa */
            kappa: number | null;
            /**
             * Metrics
             * @description accuracy, kappa, confusion (label -> judge -> count), flips, inconclusiveConfusions, falsePasses, byCategory, hard, findings {expected, strict, lenient, recallStrict, recallLenient, severityAgreement, falseAlarms, missed}, flipRate (with repeats)
             */
            metrics: {
                [key: string]: unknown;
            };
            /** Error */
            error: {
                [key: string]: unknown;
            } | null;
            /** Requestedby */
            requestedBy: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /** Completedat */
            completedAt: string | null;
            /**
             * Cases
             * @description Per case: each criterion's label and the judge's reading
             */
            cases: {
                [key: string]: unknown;
            }[];
        };
        /**
         * CalibrationGate
         * @description The suite's judge model and prompt version must have a calibration report on this set
         *     (its latest) with Cohen's kappa at or above `minKappa`.
         */
        CalibrationGate: {
            /**
             * Set
             * @description The calibration set's name (or id)
             */
            set: string;
            /**
             * Minkappa
             * @default 0.6
             */
            minKappa?: number;
        };
        /** CalibrationPublic */
        CalibrationPublic: {
            /** Id */
            id: string;
            /** Setid */
            setId: string | null;
            /** Setname */
            setName: string;
            /** Judgemodel */
            judgeModel: string;
            /** Promptversion */
            promptVersion: string;
            /** Repeats */
            repeats: number;
            /** Temperature */
            temperature: number | null;
            /**
             * Status
             * @description running | completed | error
             */
            status: string;
            /** Casecount */
            caseCount: number;
            /** Criteriacount */
            criteriaCount: number;
            /** Donecases */
            doneCases: number;
            /** Accuracy */
            accuracy: number | null;
            /** Kappa */
            kappa: number | null;
            /**
             * Metrics
             * @description accuracy, kappa, confusion (label -> judge -> count), flips, inconclusiveConfusions, falsePasses, byCategory, hard, findings {expected, strict, lenient, recallStrict, recallLenient, severityAgreement, falseAlarms, missed}, flipRate (with repeats)
             */
            metrics: {
                [key: string]: unknown;
            };
            /** Error */
            error: {
                [key: string]: unknown;
            } | null;
            /** Requestedby */
            requestedBy: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /** Completedat */
            completedAt: string | null;
        };
        /** CellChange */
        CellChange: {
            /** Personaid */
            personaId: string;
            /** Objectiveid */
            objectiveId: string;
            /** Personaname */
            personaName: string;
            /** Objectivename */
            objectiveName: string;
            /** Change */
            change: string;
            /** Flaky */
            flaky: boolean;
            /** Delta */
            delta: number | null;
            baseline: components["schemas"]["CellSide"] | null;
            current: components["schemas"]["CellSide"] | null;
        };
        /** CellResult */
        CellResult: {
            /**
             * N
             * @default 0
             */
            n?: number;
            /**
             * Passed
             * @default 0
             */
            passed?: number;
            /**
             * Failed
             * @default 0
             */
            failed?: number;
            /**
             * Errors
             * @default 0
             */
            errors?: number;
            /**
             * Simulatorerrors
             * @default 0
             */
            simulatorErrors?: number;
            /**
             * Inconclusive
             * @default 0
             */
            inconclusive?: number;
            /**
             * Cancelled
             * @default 0
             */
            cancelled?: number;
            /**
             * Pending
             * @default 0
             */
            pending?: number;
            /** Passrate */
            passRate?: number | null;
            ci?: components["schemas"]["Interval"] | null;
            /**
             * Unstable
             * @default 0
             */
            unstable?: number;
            /**
             * Unstablecriteria
             * @default 0
             */
            unstableCriteria?: number;
            /** Personaid */
            personaId: string;
            /** Objectiveid */
            objectiveId: string;
            /** Personaname */
            personaName: string;
            /** Objectivename */
            objectiveName: string;
            /** Repeats */
            repeats: number;
            /** Passk */
            passK?: number | null;
            /** Status */
            status: string;
            /**
             * Flaky
             * @default false
             */
            flaky?: boolean;
            /**
             * Sessions
             * @default []
             */
            sessions?: components["schemas"]["CellSession"][];
        };
        /** CellSession */
        CellSession: {
            /** Id */
            id: string;
            /** Repeat */
            repeat: number;
            /** Status */
            status: string;
            /** Outcome */
            outcome: string | null;
            /** Blame */
            blame?: string | null;
            /**
             * Unstablecriteria
             * @default 0
             */
            unstableCriteria?: number;
            /**
             * Reviewed
             * @default false
             */
            reviewed?: boolean;
        };
        /** CellSide */
        CellSide: {
            /** N */
            n: number;
            /** Passed */
            passed: number;
            /** Passrate */
            passRate: number | null;
            /** Status */
            status: string;
        };
        /** CellSideTranscript */
        CellSideTranscript: {
            /** Sessionid */
            sessionId: string;
            /** Repeat */
            repeat: number;
            /** Status */
            status: string;
            /** Outcome */
            outcome: string | null;
            /** Messages */
            messages: components["schemas"]["TranscriptLine"][];
            /**
             * Moremessages
             * @description Messages left out (over MESSAGES_PER_SIDE)
             */
            moreMessages: number;
        };
        /** CellTranscripts */
        CellTranscripts: {
            /** Personaid */
            personaId: string;
            /** Objectiveid */
            objectiveId: string;
            /** Personaname */
            personaName: string;
            /** Objectivename */
            objectiveName: string;
            /** Change */
            change: string;
            baseline: components["schemas"]["CellSideTranscript"] | null;
            current: components["schemas"]["CellSideTranscript"] | null;
            /** Changedrows */
            changedRows: components["schemas"]["VerdictRowChange"][];
        };
        /** ConversationFinding */
        ConversationFinding: {
            /** Type */
            type: string;
            /** Severity */
            severity: string;
            /** Description */
            description: string;
            /** Personaperspective */
            personaPerspective: string;
            /** Evidence */
            evidence: {
                [key: string]: unknown;
            };
            /** Source */
            source: string;
        };
        /** ConversationJudgeCreate */
        ConversationJudgeCreate: {
            /**
             * Reference
             * @description Your id of the conversation
             */
            reference?: string | null;
            persona: components["schemas"]["ConversationPersona"];
            objective: components["schemas"]["ConversationObjective"];
            /**
             * Agentinstructions
             * @description The agent's system prompt
             * @default
             */
            agentInstructions?: string;
            /**
             * Endreason
             * @description How it ended: imported (not recorded) when you cannot say
             * @default imported
             * @enum {string}
             */
            endReason?: "imported" | "goal_met" | "persona_gave_up" | "max_turns" | "max_messages" | "duration" | "agent_silent" | "cancelled";
            /** Transcript */
            transcript: components["schemas"]["ConversationMessage"][];
            /** Judgemodel */
            judgeModel?: string | null;
            /** Temperature */
            temperature?: number | null;
            /** Repeats */
            repeats?: number | null;
        };
        /** ConversationJudgementDetail */
        ConversationJudgementDetail: {
            /** Id */
            id: string;
            /** Reference */
            reference: string | null;
            /** @description Criteria and checks, as GET /api/sessions/{id}/verdicts */
            verdict: components["schemas"]["SessionVerdict"];
            /**
             * Findings
             * @description As GET /api/sessions/{id}/findings
             */
            findings: components["schemas"]["ConversationFinding"][];
            /**
             * Error
             * @description The judge model's failure, if it failed
             */
            error?: {
                [key: string]: unknown;
            } | null;
            /** Requestedby */
            requestedBy?: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Conversation
             * @description What was judged: persona, objective, agentInstructions, endReason and the transcript, each message with the id the evidence cites (m1, m2, … in order where none was given)
             */
            conversation: {
                [key: string]: unknown;
            };
        };
        /** ConversationJudgementPublic */
        ConversationJudgementPublic: {
            /** Id */
            id: string;
            /** Reference */
            reference: string | null;
            /** @description Criteria and checks, as GET /api/sessions/{id}/verdicts */
            verdict: components["schemas"]["SessionVerdict"];
            /**
             * Findings
             * @description As GET /api/sessions/{id}/findings
             */
            findings: components["schemas"]["ConversationFinding"][];
            /**
             * Error
             * @description The judge model's failure, if it failed
             */
            error?: {
                [key: string]: unknown;
            } | null;
            /** Requestedby */
            requestedBy?: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
        };
        /**
         * ConversationMessage
         * @description The seeds' message shape.
         */
        ConversationMessage: {
            /**
             * Id
             * @description Else m1, m2, ... in order
             */
            id?: string | null;
            /**
             * Sendertype
             * @description persona (the user) or agent
             * @enum {string}
             */
            senderType: "persona" | "agent";
            /** Content */
            content: string;
            /** Latencyms */
            latencyMs?: number | null;
        };
        /** ConversationObjective */
        ConversationObjective: {
            /** Goal */
            goal: string;
            /** Constraints */
            constraints?: string[];
            /**
             * Successcriteria
             * @description What the judge rules on, one by one
             */
            successCriteria: string[];
            /** Checks */
            checks?: components["schemas"]["ObjectiveCheck"][];
        };
        /** ConversationPersona */
        ConversationPersona: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            /** Traits */
            traits?: {
                [key: string]: unknown;
            };
            /**
             * Language
             * @default en
             */
            language?: string;
        };
        /** CostStats */
        CostStats: {
            /**
             * Total
             * @description US dollars
             */
            total: number;
            /** Tokens */
            tokens: number;
            /** Daily */
            daily: components["schemas"]["DailyCost"][];
        };
        /** CredentialFieldPublic */
        CredentialFieldPublic: {
            /** Name */
            name: string;
            /** Label */
            label: string;
            /** Secret */
            secret: boolean;
            /** Required */
            required: boolean;
            /** Placeholder */
            placeholder: string;
        };
        /** CriterionReview */
        CriterionReview: {
            /**
             * Index
             * @description The criterion's number, from 0
             */
            index: number;
            /**
             * Status
             * @enum {string}
             */
            status: "met" | "not_met" | "inconclusive";
            /**
             * Note
             * @default
             */
            note?: string;
            /**
             * Blame
             * @description Whose it is when not met or inconclusive (default: the judge's, else agent)
             */
            blame?: ("agent" | "simulator" | "judge" | "infrastructure") | null;
            /**
             * Evidence
             * @description Ids of the messages that show it
             */
            evidence?: string[];
        };
        /**
         * CustomModelCreate
         * @description A model behind any OpenAI-compatible base URL (vLLM, LM Studio, a gateway…).
         */
        CustomModelCreate: {
            /** Name */
            name: string;
            /**
             * Baseurl
             * Format: uri
             */
            baseUrl: string;
            /**
             * Model
             * @description The model name the server expects
             */
            model: string;
            /** Apikey */
            apiKey?: string | null;
            /** Inputcostpertoken */
            inputCostPerToken?: number | null;
            /** Outputcostpertoken */
            outputCostPerToken?: number | null;
            /** Contextwindow */
            contextWindow?: number | null;
            /**
             * Supportsvision
             * @default false
             */
            supportsVision?: boolean;
        };
        /** DailyCost */
        DailyCost: {
            /**
             * Date
             * Format: date
             */
            date: string;
            /** Cost */
            cost: number;
            /** Tokens */
            tokens: number;
        };
        /** DailyLatency */
        DailyLatency: {
            /**
             * Date
             * Format: date
             */
            date: string;
            /** Samples */
            samples: number;
            /** P50Ms */
            p50Ms: number | null;
            /** P95Ms */
            p95Ms: number | null;
        };
        /** DailyStats */
        DailyStats: {
            /**
             * Date
             * Format: date
             * @description A UTC day, YYYY-MM-DD
             */
            date: string;
            /**
             * Sessions
             * @description Sessions created that day
             */
            sessions: number;
            /**
             * Messages
             * @description Messages of those sessions
             */
            messages: number;
            /**
             * Avgduration
             * @description Mean duration in seconds of those that ended; null if none
             */
            avgDuration: number | null;
            /** Passed */
            passed: number;
            /** Failed */
            failed: number;
            /**
             * Infrastructureerrors
             * @description Sessions whose outcome is `error` (infrastructure): left out of successRate.
             */
            infrastructureErrors: number;
            /**
             * Simulatorerrors
             * @description Sessions the persona spoiled (outcome `simulator_error`): left out of successRate.
             * @default 0
             */
            simulatorErrors?: number;
            /**
             * Inconclusive
             * @description Sessions the judge could not decide (outcome `inconclusive`): left out of successRate.
             * @default 0
             */
            inconclusive?: number;
            /**
             * Successrate
             * @description passed / (passed + failed), from 0 to 1. Infrastructure errors (outcome `error`: the target, the simulator or the judge failed), sessions the simulator spoiled (`simulator_error`), sessions the judge could not decide (`inconclusive`) and cancelled sessions are left out, so they never count against the agent; null when no session was passed or failed.
             */
            successRate: number | null;
            /**
             * Cost
             * @description LLM cost in US dollars of those sessions
             */
            cost: number;
            /** Tokens */
            tokens: number;
        };
        /**
         * DashboardOverview
         * @description The home page: the last 30 days at a glance.
         */
        DashboardOverview: {
            sessions: components["schemas"]["SessionAnalytics"];
            latency: components["schemas"]["LatencyStats"];
            findings: components["schemas"]["FindingsSummary"];
            /**
             * Recentfailures
             * @description The five most recent failed sessions of the range
             */
            recentFailures: components["schemas"]["FailedSession"][];
        };
        /** DefaultModels */
        DefaultModels: {
            /** Simulator */
            simulator?: string | null;
            /** Judge */
            judge?: string | null;
            /** Agent */
            agent?: string | null;
        };
        /** DeliveryPublic */
        DeliveryPublic: {
            /** Id */
            id: string;
            /** Webhookid */
            webhookId: string;
            /** Event */
            event: string;
            /** Status */
            status: string;
            /** Attempts */
            attempts: number;
            /** Responsestatus */
            responseStatus: number | null;
            /** Responsebody */
            responseBody: string | null;
            /** Error */
            error: string | null;
            /** Nextattemptat */
            nextAttemptAt: string | null;
            /** Deliveredat */
            deliveredAt: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
            /** Payload */
            payload: {
                [key: string]: unknown;
            };
        };
        /** ErrorBody */
        ErrorBody: {
            code: components["schemas"]["ErrorCode"];
            /** Message */
            message: string;
            /**
             * Details
             * @default []
             */
            details?: components["schemas"]["ErrorDetail"][];
        };
        /**
         * ErrorCode
         * @enum {string}
         */
        ErrorCode: "VALIDATION_ERROR" | "AUTHENTICATION_ERROR" | "AUTHORIZATION_ERROR" | "RESOURCE_NOT_FOUND" | "CONFLICT" | "METHOD_NOT_ALLOWED" | "PAYLOAD_TOO_LARGE" | "RATE_LIMIT_EXCEEDED" | "UPSTREAM_ERROR" | "INTERNAL_ERROR";
        /** ErrorDetail */
        ErrorDetail: {
            /** Field */
            field: string;
            /** Message */
            message: string;
        };
        /**
         * ErrorResponse
         * @description The body of every error answer.
         */
        ErrorResponse: {
            error: components["schemas"]["ErrorBody"];
        };
        /** EventPublic */
        EventPublic: {
            /** Id */
            id: string;
            /** Sessionid */
            sessionId: string;
            /** Sequence */
            sequence: number;
            /** Type */
            type: string;
            /** Context */
            context: {
                [key: string]: unknown;
            };
            /** Decision */
            decision: {
                [key: string]: unknown;
            };
            /** Outcome */
            outcome: {
                [key: string]: unknown;
            };
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
        };
        /** FailedSession */
        FailedSession: {
            /** Id */
            id: string;
            /** Agentid */
            agentId: string;
            /** Agentname */
            agentName: string;
            /** Personaname */
            personaName: string;
            /** Objectivename */
            objectiveName: string;
            /** Endreason */
            endReason: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /** Endedat */
            endedAt: string | null;
        };
        /** FindingCount */
        FindingCount: {
            /** Type */
            type: string;
            /** Severity */
            severity: string;
            /** Count */
            count: number;
        };
        /** FindingDecision */
        FindingDecision: {
            /** Findingid */
            findingId: string;
            /**
             * Decision
             * @enum {string}
             */
            decision: "confirmed" | "dismissed";
            /**
             * Note
             * @default
             */
            note?: string;
        };
        /**
         * FindingGroup
         * @description Every finding of the workspace with one signature.
         */
        FindingGroup: {
            /**
             * Signature
             * @description The group's key: type, rule and normalised text, hashed
             */
            signature: string;
            /** Type */
            type: string;
            /**
             * Rule
             * @description The audit rule's id (axe's) or the finding's type
             */
            rule: string;
            /**
             * Pattern
             * @description The normalised text: counts as #, quotes as <quote>, ids as <id>
             */
            pattern: string;
            /**
             * Description
             * @description The latest occurrence's text
             */
            description: string;
            /**
             * Severity
             * @description The highest severity among its occurrences
             */
            severity: string;
            /**
             * Count
             * @description How many times it was recorded
             */
            count: number;
            /**
             * Sessions
             * @description In how many sessions
             */
            sessions: number;
            /**
             * Firstseen
             * Format: date-time
             */
            firstSeen: string;
            /**
             * Lastseen
             * Format: date-time
             */
            lastSeen: string;
            /**
             * Agents
             * @description [{id, name}] of the agents
             */
            agents?: {
                [key: string]: string;
            }[];
            /**
             * Pages
             * @description Pages of the website it was seen on
             */
            pages?: string[];
            /**
             * Latestsessionid
             * @default
             */
            latestSessionId?: string;
            /**
             * State
             * @description open | acknowledged | fixed | wont_fix
             * @default open
             */
            state?: string;
            /**
             * Note
             * @default
             */
            note?: string;
            /** Stateupdatedat */
            stateUpdatedAt?: string | null;
            /** Fixedat */
            fixedAt?: string | null;
            /**
             * Regressed
             * @description Marked fixed, and seen again since
             * @default false
             */
            regressed?: boolean;
            /**
             * Seensincefixed
             * @description Occurrences after it was marked fixed
             * @default 0
             */
            seenSinceFixed?: number;
        };
        /** FindingGroupDetail */
        FindingGroupDetail: {
            /**
             * Signature
             * @description The group's key: type, rule and normalised text, hashed
             */
            signature: string;
            /** Type */
            type: string;
            /**
             * Rule
             * @description The audit rule's id (axe's) or the finding's type
             */
            rule: string;
            /**
             * Pattern
             * @description The normalised text: counts as #, quotes as <quote>, ids as <id>
             */
            pattern: string;
            /**
             * Description
             * @description The latest occurrence's text
             */
            description: string;
            /**
             * Severity
             * @description The highest severity among its occurrences
             */
            severity: string;
            /**
             * Count
             * @description How many times it was recorded
             */
            count: number;
            /**
             * Sessions
             * @description In how many sessions
             */
            sessions: number;
            /**
             * Firstseen
             * Format: date-time
             */
            firstSeen: string;
            /**
             * Lastseen
             * Format: date-time
             */
            lastSeen: string;
            /**
             * Agents
             * @description [{id, name}] of the agents
             */
            agents?: {
                [key: string]: string;
            }[];
            /**
             * Pages
             * @description Pages of the website it was seen on
             */
            pages?: string[];
            /**
             * Latestsessionid
             * @default
             */
            latestSessionId?: string;
            /**
             * State
             * @description open | acknowledged | fixed | wont_fix
             * @default open
             */
            state?: string;
            /**
             * Note
             * @default
             */
            note?: string;
            /** Stateupdatedat */
            stateUpdatedAt?: string | null;
            /** Fixedat */
            fixedAt?: string | null;
            /**
             * Regressed
             * @description Marked fixed, and seen again since
             * @default false
             */
            regressed?: boolean;
            /**
             * Seensincefixed
             * @description Occurrences after it was marked fixed
             * @default 0
             */
            seenSinceFixed?: number;
            /**
             * Occurrences
             * @description The latest occurrences, newest first (50 at most)
             */
            occurrences?: components["schemas"]["FindingGroupOccurrence"][];
        };
        /** FindingGroupOccurrence */
        FindingGroupOccurrence: {
            /** Findingid */
            findingId: string;
            /** Sessionid */
            sessionId: string;
            /** Agentid */
            agentId: string;
            /** Agentname */
            agentName: string;
            /** Severity */
            severity: string;
            /** Description */
            description: string;
            /** Page */
            page: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
        };
        /** FindingGroupUpdate */
        FindingGroupUpdate: {
            state: components["schemas"]["GroupState"];
            /** Note */
            note?: string | null;
        };
        /** FindingPublic */
        FindingPublic: {
            /** Id */
            id: string;
            /** Sessionid */
            sessionId: string;
            /** Eventid */
            eventId: string | null;
            /** Type */
            type: string;
            /** Severity */
            severity: string;
            /** Description */
            description: string;
            /** Personaperspective */
            personaPerspective: string;
            /** Evidence */
            evidence: {
                [key: string]: unknown;
            };
            /** Source */
            source: string;
            /**
             * Page
             * @description Browser sessions: origin + path of the page
             */
            page?: string | null;
            /**
             * Pages
             * @description Every page it was seen on (browser sessions)
             */
            pages?: string[];
            /** Judgementid */
            judgementId?: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
        };
        /** FindingsSummary */
        FindingsSummary: {
            /** Total */
            total: number;
            /**
             * Byseverity
             * @description low, medium, high, critical (each present, 0 if none)
             */
            bySeverity: {
                [key: string]: number;
            };
            /** Bytype */
            byType: {
                [key: string]: number;
            };
            /** Bytypeandseverity */
            byTypeAndSeverity: components["schemas"]["FindingCount"][];
        };
        /**
         * GroupState
         * @enum {string}
         */
        GroupState: "open" | "acknowledged" | "fixed" | "wont_fix";
        /** HealthDetails */
        HealthDetails: {
            /**
             * Sessionexecution
             * @enum {string}
             */
            sessionExecution: "inprocess" | "queue";
            queue?: components["schemas"]["QueueState"] | null;
        };
        /** HealthPublic */
        HealthPublic: {
            /**
             * Status
             * @enum {string}
             */
            status: "healthy" | "degraded";
            /** Version */
            version: string;
            /**
             * Timestamp
             * Format: date-time
             */
            timestamp: string;
            /**
             * Checks
             * @description database, and when configured redis and queue: ok | unavailable | no workers
             */
            checks: {
                [key: string]: string;
            };
            details: components["schemas"]["HealthDetails"];
        };
        /** HistogramBin */
        HistogramBin: {
            /** Label */
            label: string;
            /**
             * Lower
             * @description Inclusive lower bound
             */
            lower: number;
            /**
             * Upper
             * @description Exclusive upper bound; null for the last, open bin
             */
            upper: number | null;
            /** Count */
            count: number;
        };
        /** ImportResult[ObjectivePublic] */
        ImportResult_ObjectivePublic_: {
            /** Imported */
            imported: number;
            /** Data */
            data: components["schemas"]["ObjectivePublic"][];
        };
        /** ImportResult[PersonaPublic] */
        ImportResult_PersonaPublic_: {
            /** Imported */
            imported: number;
            /** Data */
            data: components["schemas"]["PersonaPublic"][];
        };
        /** Interval */
        Interval: {
            /** Low */
            low: number;
            /** High */
            high: number;
            /**
             * Confidence
             * @default 0.95
             */
            confidence?: number;
            /**
             * Method
             * @default wilson
             */
            method?: string;
        };
        /** InvitationAccept */
        InvitationAccept: {
            /** Token */
            token: string;
        };
        /** InvitationCreate */
        InvitationCreate: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** @default editor */
            role?: components["schemas"]["Role"];
        };
        /**
         * InvitationCreated
         * @description Returned once, at creation: the token and the link to send to the invitee.
         */
        InvitationCreated: {
            /** Id */
            id: string;
            /** Email */
            email: string;
            /** Role */
            role: string;
            /** Invitedby */
            invitedBy: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Expiresat
             * Format: date-time
             */
            expiresAt: string;
            /** Acceptedat */
            acceptedAt: string | null;
            /** Token */
            token: string;
            /** Inviteurl */
            inviteUrl: string;
        };
        /** InvitationPublic */
        InvitationPublic: {
            /** Id */
            id: string;
            /** Email */
            email: string;
            /** Role */
            role: string;
            /** Invitedby */
            invitedBy: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Expiresat
             * Format: date-time
             */
            expiresAt: string;
            /** Acceptedat */
            acceptedAt: string | null;
        };
        /**
         * JudgeAnalytics
         * @description How stable the judge is: with judge repeats, the share of criteria whose independent
         *     judgements disagreed (the flip rate), per day and per judge model; and how often human
         *     reviewers ruled otherwise than the judge.
         */
        JudgeAnalytics: {
            /**
             * Startdate
             * Format: date
             */
            startDate: string;
            /**
             * Enddate
             * Format: date
             */
            endDate: string;
            /**
             * Judgements
             * @description Judgements with repeats in the range (sessions and imported conversations)
             */
            judgements: number;
            /** Criteria */
            criteria: number;
            /** Flipped */
            flipped: number;
            /** Unstable */
            unstable: number;
            /**
             * Fliprate
             * @description flipped / criteria over the range
             */
            flipRate: number | null;
            /** Reviewedcriteria */
            reviewedCriteria: number;
            /** Humandisagreements */
            humanDisagreements: number;
            /**
             * Humanagreement
             * @description 1 - humanDisagreements / reviewedCriteria
             */
            humanAgreement: number | null;
            /** Byjudge */
            byJudge: components["schemas"]["JudgeModelStability"][];
            /** Daily */
            daily: components["schemas"]["JudgeDay"][];
        };
        /**
         * JudgeCalibration
         * @description How far a judge (model and prompt version) is calibrated in this workspace.
         */
        JudgeCalibration: {
            /** Judgemodel */
            judgeModel: string;
            /** Promptversion */
            promptVersion: string;
            /**
             * Status
             * @description calibrated | not_calibrated | below_threshold | never
             */
            status: string;
            /** Reportid */
            reportId?: string | null;
            /** Setid */
            setId?: string | null;
            /** Setname */
            setName?: string | null;
            /** Kappa */
            kappa?: number | null;
            /** Accuracy */
            accuracy?: number | null;
            /** Calibratedat */
            calibratedAt?: string | null;
            /**
             * Message
             * @default
             */
            message?: string;
        };
        /** JudgeDay */
        JudgeDay: {
            /**
             * Date
             * Format: date
             * @description A UTC day, YYYY-MM-DD
             */
            date: string;
            /**
             * Judgements
             * @description Judgements made with repeats (N > 1) that day
             */
            judgements: number;
            /**
             * Criteria
             * @description Criteria they ruled on
             */
            criteria: number;
            /**
             * Flipped
             * @description Of those, criteria whose repeats did not all agree
             */
            flipped: number;
            /**
             * Unstable
             * @description Of those, criteria whose repeats had no clear majority
             */
            unstable: number;
            /**
             * Fliprate
             * @description flipped / criteria; null without repeated judgements
             */
            flipRate: number | null;
            /**
             * Reviewedcriteria
             * @description Criteria a human reviewed that day
             * @default 0
             */
            reviewedCriteria?: number;
            /**
             * Humandisagreements
             * @description Of those, criteria where the reviewer ruled otherwise
             * @default 0
             */
            humanDisagreements?: number;
        };
        /** JudgeModelStability */
        JudgeModelStability: {
            /** Judgemodel */
            judgeModel: string;
            /** Promptversion */
            promptVersion: string;
            /** Judgements */
            judgements: number;
            /** Criteria */
            criteria: number;
            /** Flipped */
            flipped: number;
            /** Unstable */
            unstable: number;
            /** Fliprate */
            flipRate: number | null;
        };
        /**
         * JudgeRequest
         * @description A re-judge: the session's stored transcript judged again, without replaying it.
         */
        JudgeRequest: {
            /**
             * Judgemodel
             * @description Else the session's judge model, else the workspace default
             */
            judgeModel?: string | null;
            /**
             * Temperature
             * @description Default 0 for one judgement, 0.7 for repeats (which need it above 0)
             */
            temperature?: number | null;
            /**
             * Repeats
             * @description Independent judgements whose majority is the verdict
             */
            repeats?: number | null;
        };
        /**
         * JudgeUse
         * @description A judge (model and prompt version) that produced verdicts of the run, and its calibration.
         */
        JudgeUse: {
            /** Judgemodel */
            judgeModel: string;
            /** Promptversion */
            promptVersion: string;
            /** Sessions */
            sessions: number;
            /**
             * Calibration
             * @description The judge's latest calibration report, if any
             */
            calibration: {
                [key: string]: unknown;
            };
        };
        /** JudgementPublic */
        JudgementPublic: {
            /** Id */
            id: string;
            /** Sessionid */
            sessionId: string;
            /** Judgemodel */
            judgeModel: string;
            /** Promptversion */
            promptVersion: string;
            /** Status */
            status: string;
            /** Outcome */
            outcome: string;
            /** Blame */
            blame: string | null;
            /** Summary */
            summary: string;
            /** Simulator */
            simulator: {
                [key: string]: unknown;
            };
            /**
             * Settings
             * @description {repeats, temperature, seeds}
             */
            settings: {
                [key: string]: unknown;
            };
            /**
             * Trigger
             * @description session | rejudge | run_rejudge
             * @default session
             */
            trigger?: string;
            /**
             * Repeats
             * @default 1
             */
            repeats?: number;
            /**
             * Criteriacount
             * @default 0
             */
            criteriaCount?: number;
            /**
             * Flippedcriteria
             * @description Criteria whose repeats did not all agree
             * @default 0
             */
            flippedCriteria?: number;
            /**
             * Unstablecriteria
             * @description Criteria whose repeats had no clear majority
             * @default 0
             */
            unstableCriteria?: number;
            /** Requestedby */
            requestedBy: string | null;
            /** Notes */
            notes: {
                [key: string]: unknown;
            };
            /** Error */
            error: {
                [key: string]: unknown;
            } | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
        };
        /**
         * JudgingSettings
         * @description The workspace's judging defaults.
         */
        JudgingSettings: {
            /**
             * Judgerepeats
             * @description Judge repeats when neither the session nor the suite says
             * @default 1
             */
            judgeRepeats?: number;
            /**
             * Reviewsamplerate
             * @description Share of judged sessions the review queue samples (0 to 1)
             * @default 0
             */
            reviewSampleRate?: number;
        };
        /**
         * LLMChoice
         * @description A model picked for one role; empty means: fall back to the next level.
         */
        LLMChoice: {
            /** Model */
            model?: string | null;
            /** Temperature */
            temperature?: number | null;
        };
        /** LabelledSetDetail */
        LabelledSetDetail: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Description */
            description: string;
            /** Version */
            version: number;
            /**
             * Source
             * @description import | reviews
             */
            source: string;
            /** Casecount */
            caseCount: number;
            /** Criteriacount */
            criteriaCount: number;
            /** Findingcount */
            findingCount: number;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
            /** Cases */
            cases: {
                [key: string]: unknown;
            }[];
        };
        /** LabelledSetPublic */
        LabelledSetPublic: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Description */
            description: string;
            /** Version */
            version: number;
            /**
             * Source
             * @description import | reviews
             */
            source: string;
            /** Casecount */
            caseCount: number;
            /** Criteriacount */
            criteriaCount: number;
            /** Findingcount */
            findingCount: number;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
        };
        /**
         * LatencyStats
         * @description Agent reply latency: the latencyMs of the agent's messages (percentile_cont: linear
         *     interpolation between the closest ranks).
         */
        LatencyStats: {
            /**
             * Samples
             * @description Agent messages with a measured latency
             */
            samples: number;
            /** P50Ms */
            p50Ms: number | null;
            /** P95Ms */
            p95Ms: number | null;
            /**
             * Daily
             * @description One entry per day of the range
             */
            daily: components["schemas"]["DailyLatency"][];
        };
        /** LoginRequest */
        LoginRequest: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Password */
            password: string;
        };
        /**
         * McNemarResult
         * @description Paired outcomes of the sessions matched by cell and repeat in both runs.
         */
        McNemarResult: {
            /** Pairs */
            pairs: number;
            /** Bothpassed */
            bothPassed: number;
            /** Bothfailed */
            bothFailed: number;
            /** Regressed */
            regressed: number;
            /** Improved */
            improved: number;
            /** Statistic */
            statistic: number | null;
            /** Pvalue */
            pValue: number | null;
            /** Method */
            method: string;
            /** Significant */
            significant: boolean;
        };
        /** MePublic */
        MePublic: {
            /** Id */
            id: string;
            /** Email */
            email: string;
            /** Name */
            name: string;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            workspace: components["schemas"]["WorkspacePublic"];
            /** Role */
            role: string;
            /** Workspaces */
            workspaces: components["schemas"]["WorkspacePublic"][];
            /** Authmethod */
            authMethod: string;
        };
        /** MemberPublic */
        MemberPublic: {
            /** Userid */
            userId: string;
            /** Email */
            email: string;
            /** Name */
            name: string;
            /** Role */
            role: string;
            /**
             * Joinedat
             * Format: date-time
             */
            joinedAt: string;
        };
        /** MemberUpdate */
        MemberUpdate: {
            role: components["schemas"]["Role"];
        };
        /** MessagePublic */
        MessagePublic: {
            /** Id */
            id: string;
            /** Sessionid */
            sessionId: string;
            /** Sequence */
            sequence: number;
            /** Sendertype */
            senderType: string;
            /** Content */
            content: string;
            /**
             * Truncated
             * @description The stored body is longer than MIMIC_MAX_REPLY_BYTES characters; content is its start
             * @default false
             */
            truncated?: boolean;
            /** Latencyms */
            latencyMs: number | null;
            /** Prompttokens */
            promptTokens: number | null;
            /** Completiontokens */
            completionTokens: number | null;
            /** Cost */
            cost: number | null;
            /** Model */
            model: string | null;
            /** Metadata */
            metadata: {
                [key: string]: unknown;
            };
            /**
             * Empty
             * @description The agent's reply had no text (stored, and flagged)
             * @default false
             */
            empty?: boolean;
            /**
             * Unrecognized
             * @description Voice: the agent spoke, but Mimic's recogniser made out no words
             * @default false
             */
            unrecognized?: boolean;
            /**
             * Timestamp
             * Format: date-time
             */
            timestamp: string;
        };
        /** ModelPublic */
        ModelPublic: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Provider */
            provider: string;
            /** Contextwindow */
            contextWindow: number | null;
            /** Supportsvision */
            supportsVision: boolean;
            /** Supportsfunctioncalling */
            supportsFunctionCalling: boolean;
            /** Inputcostpertoken */
            inputCostPerToken: number | null;
            /** Outputcostpertoken */
            outputCostPerToken: number | null;
            /**
             * Offline
             * @default false
             */
            offline?: boolean;
            /**
             * Custom
             * @default false
             */
            custom?: boolean;
        };
        /** ModelsPublic */
        ModelsPublic: {
            /** Models */
            models: components["schemas"]["ModelPublic"][];
        };
        /**
         * ObjectiveCheck
         * @description A deterministic check of the agent's replies, its own verdict row (promptfoo style).
         *     A check naming a `criterion` decides it: not met when the check fails, met when it passes
         *     and the judge could not tell.
         */
        ObjectiveCheck: {
            /**
             * Type
             * @enum {string}
             */
            type: "contains" | "not_contains" | "regex" | "not_regex" | "max_latency" | "max_turns" | "language" | "json_schema";
            /**
             * Value
             * @description contains/not_contains: the text; regex/not_regex: the pattern; max_latency: ms; max_turns: persona messages; language: an ISO 639-1 code
             */
            value?: string | number | null;
            /**
             * Schema
             * @description json_schema's schema
             */
            schema?: {
                [key: string]: unknown;
            } | null;
            /**
             * Scope
             * @description Which replies: any (contains/regex), every (not_*, json_schema), or the last one
             */
            scope?: ("any" | "every" | "last") | null;
            /**
             * Casesensitive
             * @default false
             */
            caseSensitive?: boolean;
            /**
             * Criterion
             * @description The criterion (from 0) it decides
             */
            criterion?: number | null;
            /**
             * Label
             * @default
             */
            label?: string;
        } & (unknown & unknown & unknown & unknown);
        /** ObjectiveConfig */
        ObjectiveConfig: {
            /**
             * Autonomylevel
             * @default goal-directed
             * @enum {string}
             */
            autonomyLevel?: "guided" | "goal-directed" | "exploratory";
            /**
             * Maxactions
             * @description Browser action budget
             * @default 30
             */
            maxActions?: number;
            /**
             * Maxturns
             * @description Chat turn budget (persona messages)
             * @default 12
             */
            maxTurns?: number;
            /** @description Voice calls: realism knobs that override the persona's (noise, barge-in...) */
            voice?: components["schemas"]["VoiceRealismConfig"] | null;
        };
        /** ObjectiveCreate */
        ObjectiveCreate: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            definition: components["schemas"]["ObjectiveDefinition"];
            config?: components["schemas"]["ObjectiveConfig"];
            /** Checks */
            checks?: components["schemas"]["ObjectiveCheck"][];
        };
        /** ObjectiveDefinition */
        ObjectiveDefinition: {
            /** Goal */
            goal: string;
            /** Constraints */
            constraints?: string[];
            /** Successcriteria */
            successCriteria?: string[] | string;
            /** Keywords */
            keywords?: string[];
        };
        /** ObjectivePublic */
        ObjectivePublic: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            definition: components["schemas"]["ObjectiveDefinition"];
            config?: components["schemas"]["ObjectiveConfig"];
            /** Checks */
            checks?: components["schemas"]["ObjectiveCheck"][];
            /** Id */
            id: string;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
        };
        /** ObjectiveUpdate */
        ObjectiveUpdate: {
            /** Name */
            name?: string | null;
            /** Description */
            description?: string | null;
            definition?: components["schemas"]["ObjectiveDefinition"] | null;
            config?: components["schemas"]["ObjectiveConfig"] | null;
            /** Checks */
            checks?: components["schemas"]["ObjectiveCheck"][] | null;
        };
        /**
         * OutcomeBreakdown
         * @description Sessions of one persona, one objective, or one persona x objective pair.
         */
        OutcomeBreakdown: {
            /** Personaid */
            personaId?: string | null;
            /** Personaname */
            personaName?: string | null;
            /** Objectiveid */
            objectiveId?: string | null;
            /** Objectivename */
            objectiveName?: string | null;
            /** Sessions */
            sessions: number;
            /** Passed */
            passed: number;
            /** Failed */
            failed: number;
            /**
             * Infrastructureerrors
             * @description Sessions whose outcome is `error` (infrastructure): left out of successRate.
             */
            infrastructureErrors: number;
            /**
             * Simulatorerrors
             * @description Sessions the persona spoiled (outcome `simulator_error`): left out of successRate.
             * @default 0
             */
            simulatorErrors?: number;
            /**
             * Inconclusive
             * @description Sessions the judge could not decide (outcome `inconclusive`): left out of successRate.
             * @default 0
             */
            inconclusive?: number;
            /**
             * Successrate
             * @description passed / (passed + failed), from 0 to 1. Infrastructure errors (outcome `error`: the target, the simulator or the judge failed), sessions the simulator spoiled (`simulator_error`), sessions the judge could not decide (`inconclusive`) and cancelled sessions are left out, so they never count against the agent; null when no session was passed or failed.
             */
            successRate: number | null;
        };
        /** OverallResult */
        OverallResult: {
            /**
             * N
             * @default 0
             */
            n?: number;
            /**
             * Passed
             * @default 0
             */
            passed?: number;
            /**
             * Failed
             * @default 0
             */
            failed?: number;
            /**
             * Errors
             * @default 0
             */
            errors?: number;
            /**
             * Simulatorerrors
             * @default 0
             */
            simulatorErrors?: number;
            /**
             * Inconclusive
             * @default 0
             */
            inconclusive?: number;
            /**
             * Cancelled
             * @default 0
             */
            cancelled?: number;
            /**
             * Pending
             * @default 0
             */
            pending?: number;
            /** Passrate */
            passRate?: number | null;
            ci?: components["schemas"]["Interval"] | null;
            /**
             * Unstable
             * @default 0
             */
            unstable?: number;
            /**
             * Unstablecriteria
             * @default 0
             */
            unstableCriteria?: number;
            /**
             * K
             * @default 1
             */
            k?: number;
            /**
             * Cells
             * @default 0
             */
            cells?: number;
            /**
             * Cellsallpassed
             * @default 0
             */
            cellsAllPassed?: number;
            /**
             * Flakycells
             * @default 0
             */
            flakyCells?: number;
            /** Passk */
            passK?: number | null;
            /** Passkestimate */
            passKEstimate?: number | null;
        };
        /** PageChange */
        PageChange: {
            /**
             * Key
             * @description The page's path below its site root (e.g. survey.html)
             */
            key: string;
            baseline: components["schemas"]["PageSide"] | null;
            current: components["schemas"]["PageSide"] | null;
            /**
             * Delta
             * @description Findings now minus before
             */
            delta: number;
            /**
             * Fixed
             * @description Rules found before and not any more
             */
            fixed?: string[];
            /**
             * Added
             * @description Rules found now and not before
             */
            added?: string[];
        };
        /** PageComparison */
        PageComparison: {
            /** Baselineroot */
            baselineRoot: string;
            /** Currentroot */
            currentRoot: string;
            /** Baselinefindings */
            baselineFindings: number;
            /** Currentfindings */
            currentFindings: number;
            /** Pages */
            pages: components["schemas"]["PageChange"][];
        };
        /** PageSide */
        PageSide: {
            /** Page */
            page: string;
            /**
             * Sessions
             * @description Sessions that saw this page
             */
            sessions: number;
            /**
             * Findings
             * @description Findings on it (a finding seen on several pages counts on each)
             */
            findings: number;
            /** Byseverity */
            bySeverity?: {
                [key: string]: number;
            };
            /** Rules */
            rules?: {
                [key: string]: number;
            };
        };
        /** Paginated[AgentPublic] */
        Paginated_AgentPublic_: {
            /** Data */
            data: components["schemas"]["AgentPublic"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** Paginated[AuditEventPublic] */
        Paginated_AuditEventPublic_: {
            /** Data */
            data: components["schemas"]["AuditEventPublic"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** Paginated[CalibrationPublic] */
        Paginated_CalibrationPublic_: {
            /** Data */
            data: components["schemas"]["CalibrationPublic"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** Paginated[ConversationJudgementPublic] */
        Paginated_ConversationJudgementPublic_: {
            /** Data */
            data: components["schemas"]["ConversationJudgementPublic"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** Paginated[DeliveryPublic] */
        Paginated_DeliveryPublic_: {
            /** Data */
            data: components["schemas"]["DeliveryPublic"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** Paginated[FindingGroup] */
        Paginated_FindingGroup_: {
            /** Data */
            data: components["schemas"]["FindingGroup"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** Paginated[LabelledSetPublic] */
        Paginated_LabelledSetPublic_: {
            /** Data */
            data: components["schemas"]["LabelledSetPublic"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** Paginated[ObjectivePublic] */
        Paginated_ObjectivePublic_: {
            /** Data */
            data: components["schemas"]["ObjectivePublic"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** Paginated[PersonaPublic] */
        Paginated_PersonaPublic_: {
            /** Data */
            data: components["schemas"]["PersonaPublic"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** Paginated[ReviewQueueItem] */
        Paginated_ReviewQueueItem_: {
            /** Data */
            data: components["schemas"]["ReviewQueueItem"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** Paginated[RunPublic] */
        Paginated_RunPublic_: {
            /** Data */
            data: components["schemas"]["RunPublic"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** Paginated[SessionPublic] */
        Paginated_SessionPublic_: {
            /** Data */
            data: components["schemas"]["SessionPublic"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** Paginated[SuitePublic] */
        Paginated_SuitePublic_: {
            /** Data */
            data: components["schemas"]["SuitePublic"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** Paginated[WebhookPublic] */
        Paginated_WebhookPublic_: {
            /** Data */
            data: components["schemas"]["WebhookPublic"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** Pagination */
        Pagination: {
            /** Page */
            page: number;
            /** Limit */
            limit: number;
            /** Total */
            total: number;
            /** Pages */
            pages: number;
        };
        /** PersonaConfig */
        PersonaConfig: {
            /**
             * Messageinterval
             * @description Seconds between persona messages
             * @default 0
             */
            messageInterval?: number;
            /**
             * Sessionduration
             * @description Session budget in seconds
             * @default 300
             */
            sessionDuration?: number;
            /** @description How the persona sounds on voice calls */
            voice?: components["schemas"]["PersonaVoiceConfig"] | null;
        };
        /** PersonaCreate */
        PersonaCreate: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            /**
             * Prompt
             * @default
             */
            prompt?: string;
            definition?: components["schemas"]["PersonaDefinition"];
            traits?: components["schemas"]["PersonaTraits"];
            metadata?: components["schemas"]["PersonaMetadata"];
            config?: components["schemas"]["PersonaConfig"];
            llmConfig?: components["schemas"]["LLMChoice"];
            /**
             * Language
             * @default en
             */
            language?: string;
        };
        /** PersonaDefinition */
        PersonaDefinition: {
            /**
             * Identity
             * @default
             */
            identity?: string;
            /**
             * Techprofile
             * @default
             */
            techProfile?: string;
            /**
             * Personality
             * @default
             */
            personality?: string;
            /** Tendencies */
            tendencies?: string[];
        };
        /** PersonaMetadata */
        PersonaMetadata: {
            /**
             * Archetype
             * @default
             */
            archetype?: string;
            /** Tags */
            tags?: string[];
        };
        /** PersonaPublic */
        PersonaPublic: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            /**
             * Prompt
             * @default
             */
            prompt?: string;
            definition?: components["schemas"]["PersonaDefinition"];
            traits?: components["schemas"]["PersonaTraits"];
            metadata?: components["schemas"]["PersonaMetadata"];
            config?: components["schemas"]["PersonaConfig"];
            llmConfig?: components["schemas"]["LLMChoice"];
            /**
             * Language
             * @default en
             */
            language?: string;
            /** Id */
            id: string;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
        };
        /**
         * PersonaTraits
         * @description Traits keep their snake_case keys (as the seed does) and allow free keys.
         */
        PersonaTraits: {
            /** Communication Style */
            communication_style?: string | null;
            /** Patience Level */
            patience_level?: ("low" | "medium" | "high") | null;
            /** Urgency */
            urgency?: ("low" | "medium" | "high") | null;
        } & {
            [key: string]: unknown;
        };
        /**
         * PersonaUpdate
         * @description PATCH: only the fields sent change.
         */
        PersonaUpdate: {
            /** Name */
            name?: string | null;
            /** Description */
            description?: string | null;
            /** Prompt */
            prompt?: string | null;
            definition?: components["schemas"]["PersonaDefinition"] | null;
            traits?: components["schemas"]["PersonaTraits"] | null;
            metadata?: components["schemas"]["PersonaMetadata"] | null;
            config?: components["schemas"]["PersonaConfig"] | null;
            llmConfig?: components["schemas"]["LLMChoice"] | null;
            /** Language */
            language?: string | null;
        };
        /**
         * PersonaVoiceConfig
         * @description How the persona sounds and listens on voice calls. Empty fields follow its traits.
         */
        PersonaVoiceConfig: {
            /**
             * Engine
             * @default espeak
             * @enum {string}
             */
            engine?: "espeak" | "hosted";
            /**
             * Model
             * @description Hosted text-to-speech model
             */
            model?: string | null;
            /**
             * Voice
             * @description Hosted voice name, e.g. alloy
             */
            voice?: string | null;
            /**
             * Accent
             * @description e.g. scottish, en-gb, es
             */
            accent?: string | null;
            /** Espeakvariant */
            espeakVariant?: string | null;
            /** Ratewpm */
            rateWpm?: number | null;
            /** Pitch */
            pitch?: number | null;
            /**
             * Listenengine
             * @default pocketsphinx
             * @enum {string}
             */
            listenEngine?: "pocketsphinx" | "hosted";
            /**
             * Listenmodel
             * @description Hosted speech-to-text model
             */
            listenModel?: string | null;
            realism?: components["schemas"]["VoiceRealismConfig"];
        } & (unknown & unknown);
        /** ProfileUpdate */
        ProfileUpdate: {
            /** Name */
            name?: string | null;
            /** Currentpassword */
            currentPassword?: string | null;
            /** Newpassword */
            newPassword?: string | null;
        };
        /** ProviderPublic */
        ProviderPublic: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Configured */
            configured: boolean;
            /** Modelscount */
            modelsCount: number;
            /** Fields */
            fields: components["schemas"]["CredentialFieldPublic"][];
            /** Settings */
            settings?: {
                [key: string]: string;
            };
        };
        /**
         * ProviderSettings
         * @description Credentials of one provider; a secret sent back masked keeps the stored value.
         */
        ProviderSettings: {
            /** Apikey */
            apiKey?: string | null;
            /** Baseurl */
            baseUrl?: string | null;
            /** Apiversion */
            apiVersion?: string | null;
        };
        /** ProviderTestRequest */
        ProviderTestRequest: {
            /**
             * Model
             * @description Default: the provider's first model
             */
            model?: string | null;
        };
        /** ProviderTestResult */
        ProviderTestResult: {
            /** Ok */
            ok: boolean;
            /** Model */
            model: string;
            /** Latencyms */
            latencyMs?: number | null;
            /** Reply */
            reply?: string | null;
            /** Error */
            error?: string | null;
            /** Errorkind */
            errorKind?: string | null;
        };
        /** ProvidersPublic */
        ProvidersPublic: {
            /** Providers */
            providers: components["schemas"]["ProviderPublic"][];
            defaultModels: components["schemas"]["DefaultModels"];
            /**
             * Defaultmodel
             * @description The model used when nothing more specific is chosen
             */
            defaultModel: string;
        };
        /** PullResult */
        PullResult: {
            /** Document */
            document: {
                [key: string]: unknown;
            };
            /** Warnings */
            warnings: string[];
            /** Missing */
            missing: {
                [key: string]: string[];
            };
        };
        /**
         * PushSummary
         * @description Names per kind (personas, objectives, agents, suites, defaults).
         */
        PushSummary: {
            /** Created */
            created: {
                [key: string]: string[];
            };
            /** Updated */
            updated: {
                [key: string]: string[];
            };
            /** Unchanged */
            unchanged: {
                [key: string]: string[];
            };
            /**
             * Dryrun
             * @default false
             */
            dryRun?: boolean;
        };
        /** QueueState */
        QueueState: {
            /**
             * Workers
             * @description queue workers that announced themselves in Redis lately
             */
            workers: number;
            /**
             * Waiting
             * @description sessions queued and not yet taken by a worker
             */
            waiting: number;
            /**
             * Inprogress
             * @description queue messages taken by a worker and not yet done
             */
            inProgress: number;
        };
        /**
         * RecurringFinding
         * @description A group of the findings inbox (app/services/finding_groups.py) over the range: one row per
         *     problem, counts and quotes set aside; `severity` is its highest.
         */
        RecurringFinding: {
            /**
             * Signature
             * @description The group's key: type, rule and normalised text, hashed
             */
            signature: string;
            /** Type */
            type: string;
            /**
             * Rule
             * @description The audit rule's id (axe's) or the finding's type
             */
            rule: string;
            /**
             * Pattern
             * @description The normalised text: counts as #, quotes as <quote>, ids as <id>
             */
            pattern: string;
            /**
             * Description
             * @description The latest occurrence's text
             */
            description: string;
            /**
             * Severity
             * @description The highest severity among its occurrences
             */
            severity: string;
            /**
             * Count
             * @description How many times it was recorded
             */
            count: number;
            /**
             * Sessions
             * @description In how many sessions
             */
            sessions: number;
            /**
             * Firstseen
             * Format: date-time
             */
            firstSeen: string;
            /**
             * Lastseen
             * Format: date-time
             */
            lastSeen: string;
            /**
             * Agents
             * @description [{id, name}] of the agents
             */
            agents?: {
                [key: string]: string;
            }[];
            /**
             * Pages
             * @description Pages of the website it was seen on
             */
            pages?: string[];
            /**
             * Latestsessionid
             * @default
             */
            latestSessionId?: string;
            /**
             * State
             * @description open | acknowledged | fixed | wont_fix
             * @default open
             */
            state?: string;
            /**
             * Note
             * @default
             */
            note?: string;
            /** Stateupdatedat */
            stateUpdatedAt?: string | null;
            /** Fixedat */
            fixedAt?: string | null;
            /**
             * Regressed
             * @description Marked fixed, and seen again since
             * @default false
             */
            regressed?: boolean;
            /**
             * Seensincefixed
             * @description Occurrences after it was marked fixed
             * @default 0
             */
            seenSinceFixed?: number;
        };
        /** RegisterRequest */
        RegisterRequest: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Password */
            password: string;
            /**
             * Name
             * @default
             */
            name?: string;
            /** Workspacename */
            workspaceName?: string | null;
        };
        /** ReportFinding */
        ReportFinding: {
            /** Type */
            type: string;
            /** Severity */
            severity: string;
            /** Description */
            description: string;
            /** Source */
            source: string;
            /** Evidencemessageids */
            evidenceMessageIds?: string[];
            /** Evidencemessagenumbers */
            evidenceMessageNumbers?: number[];
        };
        /** ReportMessage */
        ReportMessage: {
            /**
             * Id
             * @default
             */
            id?: string;
            /**
             * Number
             * @description Its place in the transcript, from 1 (what evidence cites)
             * @default 0
             */
            number?: number;
            /** Sendertype */
            senderType: string;
            /** Content */
            content: string;
            /** Latencyms */
            latencyMs: number | null;
        };
        /**
         * ReportRow
         * @description A row of a session's verdict: a success criterion, or a check (its own verdict row).
         */
        ReportRow: {
            /**
             * Key
             * @description criterion:<i>, a built-in check's key, or objective:<i>
             * @default
             */
            key?: string;
            /**
             * Criterion
             * @description The criterion's text, or what the check checks
             */
            criterion: string;
            /**
             * Status
             * @description met | not_met | inconclusive
             */
            status: string;
            /** Reasoning */
            reasoning: string;
            /**
             * Evidencemessageids
             * @description Ids of the transcript's messages that show it
             */
            evidenceMessageIds?: string[];
            /**
             * Evidencemessagenumbers
             * @description The same messages by their number in the transcript (from 1)
             */
            evidenceMessageNumbers?: number[];
            /**
             * Blame
             * @description agent | simulator | judge | infrastructure, when not met or inconclusive
             */
            blame?: string | null;
            /**
             * Source
             * @description judge | check
             * @default judge
             */
            source?: string;
            /**
             * Gating
             * @description Whether a failure counts toward the session's outcome
             * @default true
             */
            gating?: boolean;
        };
        /**
         * ReportSession
         * @description One session of a run as a CI report needs it; the transcript only of sessions that
         *     did not pass (capped), which a reviewer will want to read.
         */
        ReportSession: {
            /** Id */
            id: string;
            /** Personaname */
            personaName: string;
            /** Objectivename */
            objectiveName: string;
            /** Repeat */
            repeat: number;
            /** Status */
            status: string;
            /**
             * Outcome
             * @description passed | failed | inconclusive | simulator_error | error | cancelled; only failed counts against the agent, and only passed and failed enter a pass rate
             */
            outcome: string | null;
            /**
             * Blame
             * @description Whose a failed, inconclusive or spoiled session is: agent | simulator | judge | infrastructure
             */
            blame?: string | null;
            /** Endreason */
            endReason: string | null;
            /** Error */
            error: {
                [key: string]: unknown;
            } | null;
            /** Durationms */
            durationMs: number | null;
            /** Messagecount */
            messageCount: number;
            /** Totalcost */
            totalCost: number;
            /** Totaltokens */
            totalTokens: number;
            /** Verdictsummary */
            verdictSummary: string | null;
            /** Judgemodel */
            judgeModel?: string | null;
            /** Promptversion */
            promptVersion?: string | null;
            /** Criteria */
            criteria: components["schemas"]["ReportRow"][];
            /**
             * Checks
             * @description The checks' own verdict rows
             */
            checks?: components["schemas"]["ReportRow"][];
            /** Findings */
            findings: components["schemas"]["ReportFinding"][];
            /** Transcript */
            transcript?: components["schemas"]["ReportMessage"][] | null;
        };
        /**
         * ReviewCreate
         * @description Every criterion of the session's verdict must be reviewed, once; findings not named stay
         *     as the judge recorded them (counted as confirmed); each finding is decided once.
         */
        ReviewCreate: {
            /** Criteria */
            criteria: components["schemas"]["CriterionReview"][];
            /** Findings */
            findings?: components["schemas"]["FindingDecision"][];
            /** Addedfindings */
            addedFindings?: components["schemas"]["AddedFinding"][];
            /**
             * Note
             * @default
             */
            note?: string;
        };
        /** ReviewPublic */
        ReviewPublic: {
            /** Id */
            id: string;
            /** Sessionid */
            sessionId: string;
            /** Judgementid */
            judgementId: string | null;
            /** Reviewerid */
            reviewerId: string | null;
            /** Revieweremail */
            reviewerEmail: string;
            /** Criteria */
            criteria: {
                [key: string]: unknown;
            }[];
            /** Findings */
            findings: {
                [key: string]: unknown;
            }[];
            /** Addedfindings */
            addedFindings: {
                [key: string]: unknown;
            }[];
            /** Note */
            note: string;
            /**
             * Outcome
             * @description The outcome the review gives the session (it overrides the judge's)
             */
            outcome: string;
            /** Blame */
            blame: string | null;
            /**
             * Disagreements
             * @description Criteria where the reviewer and the judge differ
             */
            disagreements: number;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
        };
        /** ReviewQueueItem */
        ReviewQueueItem: {
            /** Sessionid */
            sessionId: string;
            /** Runid */
            runId: string | null;
            /** Agentid */
            agentId: string;
            /** Agentname */
            agentName: string;
            /** Personaname */
            personaName: string;
            /** Objectivename */
            objectiveName: string;
            /** Outcome */
            outcome: string | null;
            /** Blame */
            blame: string | null;
            /** Judgemodel */
            judgeModel: string | null;
            /** Flippedcriteria */
            flippedCriteria: number;
            /** Unstablecriteria */
            unstableCriteria: number;
            /**
             * Sampled
             * @description In the sample the team's review rate picks
             */
            sampled: boolean;
            /** Reviewedat */
            reviewedAt: string | null;
            /** Endedat */
            endedAt: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
        };
        /**
         * Role
         * @enum {string}
         */
        Role: "owner" | "admin" | "editor" | "viewer";
        /** RolePublic */
        RolePublic: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Description */
            description: string;
            /** Permissions */
            permissions: string[];
        };
        /** RoleUsage */
        RoleUsage: {
            /**
             * Role
             * @description simulator (the persona) | agent (hosted agents) | judge | other roles
             */
            role: string;
            /**
             * Models
             * @description Every model the role called, in order of first use
             */
            models: string[];
            /** Calls */
            calls: number;
            /**
             * Failedcalls
             * @description Calls that ended in an error (still counted in calls)
             */
            failedCalls: number;
            /** Prompttokens */
            promptTokens: number;
            /** Completiontokens */
            completionTokens: number;
            /**
             * Cost
             * @description USD, as the providers' price lists give it; 0 for local models
             */
            cost: number;
            /**
             * Latencyms
             * @description Summed over the calls
             */
            latencyMs: number;
        };
        /** RolesPublic */
        RolesPublic: {
            /** Roles */
            roles: components["schemas"]["RolePublic"][];
        };
        /**
         * RunCalibration
         * @description Whether the run's judges are calibrated, as its suite requires (calibrationGate).
         */
        RunCalibration: {
            /** Required */
            required: boolean;
            /**
             * Status
             * @description calibrated | not_calibrated | not_required
             */
            status: string;
            /** Set */
            set?: string | null;
            /** Minkappa */
            minKappa?: number | null;
            /**
             * Message
             * @default
             */
            message?: string;
            /**
             * Judges
             * @default []
             */
            judges?: components["schemas"]["JudgeUse"][];
        };
        /** RunComparison */
        RunComparison: {
            /** Runid */
            runId: string;
            /** Baselineid */
            baselineId: string;
            /** Suiteid */
            suiteId: string;
            current: components["schemas"]["OverallResult"];
            baseline: components["schemas"]["OverallResult"];
            /** Delta */
            delta: number | null;
            mcnemar: components["schemas"]["McNemarResult"];
            /** Counts */
            counts: {
                [key: string]: number;
            };
            /** Cells */
            cells: components["schemas"]["CellChange"][];
            pages?: components["schemas"]["PageComparison"] | null;
        };
        /** RunDetail */
        RunDetail: {
            /** Id */
            id: string;
            /** Suiteid */
            suiteId: string;
            /** Suitename */
            suiteName: string;
            /** Agentid */
            agentId: string;
            /** Agentname */
            agentName: string;
            /** Status */
            status: string;
            /** Totalsessions */
            totalSessions: number;
            progress: components["schemas"]["RunProgress"];
            overall: components["schemas"]["OverallResult"] | null;
            /** Startedat */
            startedAt: string | null;
            /** Endedat */
            endedAt: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Label
             * @description The agent's version or the run's label, as given at start
             * @default
             */
            label?: string;
            /**
             * Threshold
             * @description The suite's least pass rate (config.thresholds.passRate) when the run started
             */
            threshold?: number | null;
            /**
             * Belowthreshold
             * @description A completed run whose pass rate is under its threshold (run.below_threshold)
             * @default false
             */
            belowThreshold?: boolean;
            /** Cells */
            cells: components["schemas"]["CellResult"][];
            /** Suitesnapshot */
            suiteSnapshot: {
                [key: string]: unknown;
            };
            calibration?: components["schemas"]["RunCalibration"] | null;
            /**
             * Summaryhistory
             * @description The figures before each re-judge or review after the run ended, newest first
             */
            summaryHistory?: {
                [key: string]: unknown;
            }[];
            /**
             * Rejudge
             * @description The last re-judge of the whole run
             */
            rejudge?: {
                [key: string]: unknown;
            };
        };
        /**
         * RunOverrides
         * @description What one run may change of its suite (POST /api/suites/{id}/run): rerun a few cells,
         *     more repeats, another seed. The run's snapshot records them.
         */
        RunOverrides: {
            /** Repeats */
            repeats?: number | null;
            /** Seed */
            seed?: number | null;
            /**
             * Personaids
             * @description Only these of the suite's personas
             */
            personaIds?: string[] | null;
            /**
             * Objectiveids
             * @description Only these of the suite's objectives
             */
            objectiveIds?: string[] | null;
            /**
             * Label
             * @description The agent's version or a label of the run (a release, a commit)
             */
            label?: string | null;
        };
        /** RunProgress */
        RunProgress: {
            /** Total */
            total: number;
            /** Done */
            done: number;
            /** Pending */
            pending: number;
            /** Running */
            running: number;
            /** Passed */
            passed: number;
            /** Failed */
            failed: number;
            /** Errors */
            errors: number;
            /**
             * Simulatorerrors
             * @default 0
             */
            simulatorErrors?: number;
            /**
             * Inconclusive
             * @default 0
             */
            inconclusive?: number;
            /**
             * Unstable
             * @default 0
             */
            unstable?: number;
            /** Cancelled */
            cancelled: number;
        };
        /**
         * RunPublic
         * @description `status` reads cancelled as soon as a cancel is asked for; `endedAt` is set (and the
         *     summary stored) once the last session has ended: wait on `endedAt`.
         */
        RunPublic: {
            /** Id */
            id: string;
            /** Suiteid */
            suiteId: string;
            /** Suitename */
            suiteName: string;
            /** Agentid */
            agentId: string;
            /** Agentname */
            agentName: string;
            /** Status */
            status: string;
            /** Totalsessions */
            totalSessions: number;
            progress: components["schemas"]["RunProgress"];
            overall: components["schemas"]["OverallResult"] | null;
            /** Startedat */
            startedAt: string | null;
            /** Endedat */
            endedAt: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Label
             * @description The agent's version or the run's label, as given at start
             * @default
             */
            label?: string;
            /**
             * Threshold
             * @description The suite's least pass rate (config.thresholds.passRate) when the run started
             */
            threshold?: number | null;
            /**
             * Belowthreshold
             * @description A completed run whose pass rate is under its threshold (run.below_threshold)
             * @default false
             */
            belowThreshold?: boolean;
        };
        /**
         * RunReport
         * @description GET /api/runs/{id}/report: the run with every session's verdict and findings.
         */
        RunReport: {
            run: components["schemas"]["RunDetail"];
            /** Sessions */
            sessions: components["schemas"]["ReportSession"][];
            /** Findingsbyseverity */
            findingsBySeverity: {
                [key: string]: number;
            };
            /** Totalcost */
            totalCost: number;
        };
        /**
         * RunStatus
         * @enum {string}
         */
        RunStatus: "pending" | "running" | "completed" | "cancelled" | "error";
        /** SearchHit */
        SearchHit: {
            /** Type */
            type: string;
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Description */
            description: string;
            /** Url */
            url: string;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
        };
        /**
         * SearchPagination
         * @description The same fields as every list's pagination (app/services/pagination.py).
         */
        SearchPagination: {
            /** Page */
            page: number;
            /** Limit */
            limit: number;
            /** Total */
            total: number;
            /** Pages */
            pages: number;
        };
        /** SearchResults */
        SearchResults: {
            /** Query */
            query: string;
            /** Types */
            types: string[];
            /** Data */
            data: components["schemas"]["SearchHit"][];
            /** Counts */
            counts: {
                [key: string]: number;
            };
            pagination: components["schemas"]["SearchPagination"];
        };
        /**
         * SessionAnalytics
         * @description The seed's session analytics, plus the counts that explain successRate.
         */
        SessionAnalytics: {
            /**
             * Startdate
             * Format: date
             * @description First UTC day of the range (inclusive)
             */
            startDate: string;
            /**
             * Enddate
             * Format: date
             * @description Last UTC day of the range (inclusive)
             */
            endDate: string;
            /**
             * Totalsessions
             * @description Sessions created in the range
             */
            totalSessions: number;
            /**
             * Activesessions
             * @description Of those, sessions not ended yet (pending or running)
             */
            activeSessions: number;
            /**
             * Completedsessions
             * @description Of those, sessions that ran to the end (status completed)
             */
            completedSessions: number;
            /**
             * Failedsessions
             * @description Of those, sessions whose agent did not meet the objective (outcome failed)
             */
            failedSessions: number;
            /**
             * Passedsessions
             * @description Sessions whose agent met the objective (outcome passed)
             */
            passedSessions: number;
            /**
             * Cancelledsessions
             * @description Sessions stopped by a user (outcome cancelled)
             */
            cancelledSessions: number;
            /**
             * Infrastructureerrors
             * @description Sessions whose outcome is `error` (infrastructure): left out of successRate.
             */
            infrastructureErrors: number;
            /**
             * Simulatorerrors
             * @description Sessions the persona spoiled (outcome `simulator_error`): left out of successRate.
             * @default 0
             */
            simulatorErrors?: number;
            /**
             * Inconclusivesessions
             * @description Sessions the judge could not decide (outcome `inconclusive`): left out of successRate.
             * @default 0
             */
            inconclusiveSessions?: number;
            /**
             * Averageduration
             * @description Mean duration in seconds of the sessions that ended
             */
            averageDuration: number | null;
            /**
             * Totalmessages
             * @description Messages of the sessions in the range
             */
            totalMessages: number;
            /**
             * Successrate
             * @description passed / (passed + failed), from 0 to 1. Infrastructure errors (outcome `error`: the target, the simulator or the judge failed), sessions the simulator spoiled (`simulator_error`), sessions the judge could not decide (`inconclusive`) and cancelled sessions are left out, so they never count against the agent; null when no session was passed or failed.
             */
            successRate: number | null;
            /**
             * Totalcost
             * @description LLM cost in US dollars (simulator, judge and hosted agent)
             */
            totalCost: number;
            /** Totaltokens */
            totalTokens: number;
            /**
             * Dailystats
             * @description One entry per day of the range, days without sessions too
             */
            dailyStats: components["schemas"]["DailyStats"][];
        };
        /** SessionConfig */
        SessionConfig: {
            /**
             * Duration
             * @description Seconds; default: the persona's
             */
            duration?: number | null;
            /**
             * Maxmessages
             * @description Persona + agent messages
             */
            maxMessages?: number | null;
            /**
             * Messageinterval
             * @description Seconds between turns
             */
            messageInterval?: number | null;
            /**
             * Seed
             * @description Makes offline runs reproducible
             */
            seed?: number | null;
        };
        /** SessionCreate */
        SessionCreate: {
            /** Agentid */
            agentId: string;
            /** Personaid */
            personaId: string;
            /** Objectiveid */
            objectiveId: string;
            config?: components["schemas"]["SessionConfig"];
            llmConfig?: components["schemas"]["SessionLLMConfig"];
            visionConfig?: components["schemas"]["VisionConfig"];
            /**
             * Autostart
             * @default false
             */
            autoStart?: boolean;
        };
        /** SessionDetail */
        SessionDetail: {
            /** Id */
            id: string;
            /** Agentid */
            agentId: string;
            /** Personaid */
            personaId: string;
            /** Objectiveid */
            objectiveId: string | null;
            /** Agentname */
            agentName: string;
            /** Personaname */
            personaName: string;
            /** Objectivename */
            objectiveName: string;
            /** Runid */
            runId: string | null;
            /** Status */
            status: string;
            /**
             * Outcome
             * @description passed | failed | inconclusive | simulator_error | error | cancelled; only failed counts against the agent, and only passed and failed enter a pass rate
             */
            outcome: string | null;
            /** Endreason */
            endReason: string | null;
            /**
             * Blame
             * @description Whose a failed, inconclusive or spoiled session is: agent | simulator | judge | infrastructure
             */
            blame?: string | null;
            /**
             * Flippedcriteria
             * @description Criteria whose judge repeats disagreed
             * @default 0
             */
            flippedCriteria?: number;
            /**
             * Unstablecriteria
             * @description Criteria whose judge repeats had no majority
             * @default 0
             */
            unstableCriteria?: number;
            /**
             * Reviewedat
             * @description When a human last reviewed the verdict
             */
            reviewedAt?: string | null;
            /** Error */
            error: {
                [key: string]: unknown;
            } | null;
            /** Config */
            config: {
                [key: string]: unknown;
            };
            /** Llmconfig */
            llmConfig: {
                [key: string]: unknown;
            };
            /** Visionconfig */
            visionConfig: {
                [key: string]: unknown;
            };
            metadata: components["schemas"]["SessionMetadata"];
            /** Totalcost */
            totalCost: number;
            /** Totaltokens */
            totalTokens: number;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
            /** Messages */
            messages: components["schemas"]["MessagePublic"][];
            verdict: components["schemas"]["SessionVerdict"] | null;
            /** Findings */
            findings: components["schemas"]["FindingPublic"][];
        };
        /** SessionLLMConfig */
        SessionLLMConfig: {
            /**
             * Model
             * @description The persona simulator's model
             */
            model?: string | null;
            /** Temperature */
            temperature?: number | null;
            /** Judgemodel */
            judgeModel?: string | null;
            /**
             * Judgerepeats
             * @description Independent judgements whose majority is the verdict; else the workspace default (1)
             */
            judgeRepeats?: number | null;
            /**
             * Agentmodel
             * @description For hosted agents
             */
            agentModel?: string | null;
        };
        /** SessionMetadata */
        SessionMetadata: {
            /** Starttime */
            startTime: string | null;
            /** Endtime */
            endTime: string | null;
            /** Messagecount */
            messageCount: number;
            /** Actioncount */
            actionCount: number;
            /** Durationms */
            durationMs: number | null;
        };
        /**
         * SessionOutcome
         * @enum {string}
         */
        SessionOutcome: "passed" | "failed" | "inconclusive" | "simulator_error" | "error" | "cancelled";
        /** SessionPage */
        SessionPage: {
            /**
             * Page
             * @description origin + path; empty for findings about the whole session
             */
            page: string;
            /**
             * Title
             * @default
             */
            title?: string;
            /**
             * Steps
             * @description The steps taken on it (0: opening the website)
             */
            steps?: number[];
            /** Eventids */
            eventIds?: string[];
            /**
             * Outcome
             * @description How it read when last seen: confirmation | failure | neutral
             * @default neutral
             */
            outcome?: string;
            /** Byseverity */
            bySeverity?: {
                [key: string]: number;
            };
            /** Findings */
            findings?: components["schemas"]["FindingPublic"][];
        };
        /** SessionPublic */
        SessionPublic: {
            /** Id */
            id: string;
            /** Agentid */
            agentId: string;
            /** Personaid */
            personaId: string;
            /** Objectiveid */
            objectiveId: string | null;
            /**
             * Agentname
             * @description None when the agent was deleted since
             */
            agentName?: string | null;
            /**
             * Personaname
             * @description None when the persona was deleted since
             */
            personaName?: string | null;
            /**
             * Objectivename
             * @description None when there is none or it was deleted
             */
            objectiveName?: string | null;
            /** Runid */
            runId: string | null;
            /** Status */
            status: string;
            /**
             * Outcome
             * @description passed | failed | inconclusive | simulator_error | error | cancelled; only failed counts against the agent, and only passed and failed enter a pass rate
             */
            outcome: string | null;
            /** Endreason */
            endReason: string | null;
            /**
             * Blame
             * @description Whose a failed, inconclusive or spoiled session is: agent | simulator | judge | infrastructure
             */
            blame?: string | null;
            /**
             * Flippedcriteria
             * @description Criteria whose judge repeats disagreed
             * @default 0
             */
            flippedCriteria?: number;
            /**
             * Unstablecriteria
             * @description Criteria whose judge repeats had no majority
             * @default 0
             */
            unstableCriteria?: number;
            /**
             * Reviewedat
             * @description When a human last reviewed the verdict
             */
            reviewedAt?: string | null;
            /** Error */
            error: {
                [key: string]: unknown;
            } | null;
            /** Config */
            config: {
                [key: string]: unknown;
            };
            /** Llmconfig */
            llmConfig: {
                [key: string]: unknown;
            };
            /** Visionconfig */
            visionConfig: {
                [key: string]: unknown;
            };
            metadata: components["schemas"]["SessionMetadata"];
            /** Totalcost */
            totalCost: number;
            /** Totaltokens */
            totalTokens: number;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
        };
        /**
         * SessionState
         * @description A session's state without its transcript: what a script polls or waits on.
         */
        SessionState: {
            /** Id */
            id: string;
            /** Status */
            status: string;
            /** Outcome */
            outcome: string | null;
            /** Endreason */
            endReason: string | null;
            /** Blame */
            blame: string | null;
            /** Messagecount */
            messageCount: number;
            /** Runid */
            runId: string | null;
            /** Startedat */
            startedAt: string | null;
            /** Endedat */
            endedAt: string | null;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
            /**
             * Ended
             * @description The session has ended: its status is terminal and its verdict stored
             */
            ended: boolean;
        };
        /**
         * SessionStatus
         * @enum {string}
         */
        SessionStatus: "pending" | "running" | "completed" | "cancelled" | "error" | "interrupted";
        /** SessionStopped */
        SessionStopped: {
            /** Id */
            id: string;
            /** Status */
            status: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
        };
        /**
         * SessionVerdict
         * @description The session's verdict: its latest judgement's criteria and checks.
         */
        SessionVerdict: {
            /** Summary */
            summary: string;
            /** Outcome */
            outcome: string | null;
            /** Blame */
            blame: string | null;
            /** Judgemodel */
            judgeModel: string | null;
            /** Promptversion */
            promptVersion: string | null;
            /** Judgementid */
            judgementId: string | null;
            /**
             * Endreasontext
             * @description How and by whom the session ended, in words
             */
            endReasonText: string;
            /**
             * Simulator
             * @description The simulator check
             */
            simulator?: {
                [key: string]: unknown;
            };
            /**
             * Repeats
             * @description Independent judgements whose majority this is
             * @default 1
             */
            repeats?: number;
            /** Criteria */
            criteria: components["schemas"]["VerdictPublic"][];
            /** Checks */
            checks: components["schemas"]["VerdictPublic"][];
            /**
             * Reviewedoutcome
             * @description The outcome a human review gave, which overrides the judge's
             */
            reviewedOutcome?: string | null;
            /**
             * Review
             * @description The latest human review, if any
             */
            review?: {
                [key: string]: unknown;
            } | null;
            /** @description The latest calibration report of this judge model and prompt version */
            calibration?: components["schemas"]["JudgeCalibration"] | null;
        };
        /**
         * SetFromReviews
         * @description A calibration set made of reviewed sessions: the reviewer's readings are the labels.
         */
        SetFromReviews: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            /**
             * Runid
             * @description Only the sessions of this run
             */
            runId?: string | null;
            /**
             * Agentid
             * @description Only the sessions of this agent
             */
            agentId?: string | null;
            /**
             * Sessionids
             * @description Only these sessions (each must have been reviewed)
             */
            sessionIds?: string[] | null;
        };
        /**
         * Severity
         * @enum {string}
         */
        Severity: "low" | "medium" | "high" | "critical";
        /**
         * SuiteConfig
         * @description Session settings applied to every cell. With `seed`, repeat r of a cell runs with
         *     seed + r - 1: reproducible, yet the repeats are not copies of one another.
         */
        SuiteConfig: {
            /**
             * Duration
             * @description Seconds per session
             */
            duration?: number | null;
            /** Maxmessages */
            maxMessages?: number | null;
            /** Messageinterval */
            messageInterval?: number | null;
            /** Seed */
            seed?: number | null;
            /** Judgemodel */
            judgeModel?: string | null;
            thresholds?: components["schemas"]["SuiteThresholds"] | null;
            /**
             * Judgerepeats
             * @description Independent judgements per session, majority per criterion; else the workspace default (1)
             */
            judgeRepeats?: number | null;
            /** @description Require a calibrated judge: else the runs are marked judge not calibrated */
            calibrationGate?: components["schemas"]["CalibrationGate"] | null;
        };
        /** SuiteCreate */
        SuiteCreate: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            /** Agentid */
            agentId: string;
            /** Personaids */
            personaIds: string[];
            /** Objectiveids */
            objectiveIds: string[];
            /**
             * Repeats
             * @description Sessions per cell
             * @default 1
             */
            repeats?: number;
            /**
             * Simulatormodel
             * @description Else the persona's
             */
            simulatorModel?: string | null;
            config?: components["schemas"]["SuiteConfig"];
        };
        /** SuitePublic */
        SuitePublic: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            /** Agentid */
            agentId: string;
            /** Personaids */
            personaIds: string[];
            /** Objectiveids */
            objectiveIds: string[];
            /**
             * Repeats
             * @description Sessions per cell
             * @default 1
             */
            repeats?: number;
            /**
             * Simulatormodel
             * @description Else the persona's
             */
            simulatorModel?: string | null;
            config?: components["schemas"]["SuiteConfig"];
            /** Id */
            id: string;
            /**
             * Agentname
             * @description None when the agent was deleted since
             */
            agentName?: string | null;
            /**
             * Personanames
             * @description In the order of personaIds
             */
            personaNames?: (string | null)[];
            /**
             * Objectivenames
             * @description In the order of objectiveIds
             */
            objectiveNames?: (string | null)[];
            /** Cellcount */
            cellCount: number;
            /** Sessioncount */
            sessionCount: number;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
        };
        /**
         * SuiteThresholds
         * @description What a run must reach for `mimic test` (and CI) to pass it. Pass rates count judged
         *     sessions only (passed or failed); infrastructure errors are held to `maxErrorRate` and
         *     inconclusive sessions to `maxInconclusiveRate` apart; spoiled sessions are only shown.
         */
        SuiteThresholds: {
            /**
             * Passrate
             * @description Least pass rate over all cells
             */
            passRate?: number | null;
            /**
             * Cellpassrate
             * @description Least pass rate of every cell
             */
            cellPassRate?: number | null;
            /**
             * Passk
             * @description Least share of cells whose every repeat passed (pass^k)
             */
            passK?: number | null;
            /**
             * Maxerrorrate
             * @description Most infrastructure errors, as a share of sessions (default 0)
             */
            maxErrorRate?: number | null;
            /**
             * Maxinconclusiverate
             * @description Most sessions the judge left inconclusive, as a share of the ended sessions (default: any)
             */
            maxInconclusiveRate?: number | null;
            /**
             * Maxfindings
             * @description Most findings of each severity, e.g. {critical: 0, high: 2}
             */
            maxFindings?: {
                [key: string]: number;
            } | null;
            /**
             * Maxregressions
             * @description Most cells that passed in the baseline and fail now (default 0)
             */
            maxRegressions?: number | null;
        };
        /** SuiteTrend */
        SuiteTrend: {
            /** Suiteid */
            suiteId: string;
            /** Suitename */
            suiteName: string;
            /**
             * Threshold
             * @description The suite's threshold now (config.thresholds.passRate)
             */
            threshold: number | null;
            /**
             * Points
             * @description The latest runs, oldest first
             */
            points: components["schemas"]["TrendPoint"][];
            /**
             * Belowthreshold
             * @description How many of these runs completed under their threshold
             */
            belowThreshold: number;
        };
        /**
         * SuiteUpdate
         * @description PATCH: only the fields sent change.
         */
        SuiteUpdate: {
            /** Name */
            name?: string | null;
            /** Description */
            description?: string | null;
            /** Agentid */
            agentId?: string | null;
            /** Personaids */
            personaIds?: string[] | null;
            /** Objectiveids */
            objectiveIds?: string[] | null;
            /** Repeats */
            repeats?: number | null;
            /** Simulatormodel */
            simulatorModel?: string | null;
            config?: components["schemas"]["SuiteConfig"] | null;
        };
        /** TeamPublic */
        TeamPublic: {
            workspace: components["schemas"]["WorkspacePublic"];
            /** Members */
            members: components["schemas"]["MemberPublic"][];
            /** Invitations */
            invitations: components["schemas"]["InvitationPublic"][];
        };
        /**
         * ThresholdUpdate
         * @description PUT /api/suites/{id}/threshold: the least pass rate of a run (0 to 1); null removes it.
         *     A completed run under it is marked and fires run.below_threshold.
         */
        ThresholdUpdate: {
            /**
             * Passrate
             * @description Least pass rate over judged sessions, 0 to 1
             */
            passRate: number | null;
        };
        /**
         * TokenPublic
         * @description OAuth2-style token answer; these names are snake_case by that convention.
         */
        TokenPublic: {
            /** Access Token */
            access_token: string;
            /**
             * Token Type
             * @default bearer
             */
            token_type?: string;
            /** Expires In */
            expires_in: number;
        };
        /** TranscriptLine */
        TranscriptLine: {
            /** Id */
            id: string;
            /** Number */
            number: number;
            /** Sender */
            sender: string;
            /** Content */
            content: string;
        };
        /**
         * TrendPoint
         * @description One run of the suite: its pass rate over judged sessions with the 95 % Wilson interval.
         */
        TrendPoint: {
            /** Runid */
            runId: string;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /** Endedat */
            endedAt: string | null;
            /** Status */
            status: string;
            /**
             * Label
             * @description The run's label (the agent's version), as given at start
             */
            label: string;
            /**
             * Version
             * @description The label, else when the agent was last changed before the run
             */
            version: string;
            /**
             * N
             * @description Judged sessions (passed + failed)
             */
            n: number;
            /** Passed */
            passed: number;
            /** Failed */
            failed: number;
            /** Errors */
            errors: number;
            /** Passrate */
            passRate: number | null;
            /** Cilow */
            ciLow: number | null;
            /** Cihigh */
            ciHigh: number | null;
            /** Threshold */
            threshold: number | null;
            /** Belowthreshold */
            belowThreshold: boolean;
        };
        /** UserPublic */
        UserPublic: {
            /** Id */
            id: string;
            /** Email */
            email: string;
            /** Name */
            name: string;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
        };
        /**
         * VerdictPublic
         * @description A criterion's verdict, or a check's result.
         */
        VerdictPublic: {
            /**
             * Kind
             * @description criterion | check
             */
            kind: string;
            /**
             * Key
             * @description criterion:<i>, a built-in check (empty_reply, echo, ...) or objective:<i>
             */
            key: string;
            /** Criterionindex */
            criterionIndex: number;
            /**
             * Criterion
             * @description The criterion's text, or what the check checks
             */
            criterion: string;
            /**
             * Status
             * @description met | not_met | inconclusive
             */
            status: string;
            /** Reasoning */
            reasoning: string;
            /**
             * Evidencemessageids
             * @description Ids of the messages (or steps) that show it
             */
            evidenceMessageIds: string[];
            /**
             * Citedmessageids
             * @description The same as evidenceMessageIds (older name)
             */
            citedMessageIds: string[];
            /**
             * Source
             * @description judge | check
             */
            source: string;
            /**
             * Blame
             * @description agent | simulator | judge | infrastructure, when not met
             */
            blame: string | null;
            /**
             * Gating
             * @description Whether a failure counts toward the session's outcome
             */
            gating: boolean;
            /**
             * Resolvedby
             * @description The rule that changed the judge's ruling, if any
             */
            resolvedBy: string | null;
            /**
             * Votes
             * @description With judge repeats: how many repeats ruled each status
             */
            votes?: {
                [key: string]: number;
            };
            /**
             * Agreement
             * @description With judge repeats: "4/5", the repeats that agree
             * @default
             */
            agreement?: string;
            /**
             * Unstable
             * @description The repeats had no clear majority (inconclusive)
             * @default false
             */
            unstable?: boolean;
        };
        /** VerdictRowChange */
        VerdictRowChange: {
            /**
             * Kind
             * @description criterion | check
             */
            kind: string;
            /** Criterion */
            criterion: string;
            /**
             * Baselinestatus
             * @description met | not_met | inconclusive; null when the row is new
             */
            baselineStatus: string | null;
            /**
             * Currentstatus
             * @description null when the row is gone
             */
            currentStatus: string | null;
            /**
             * Baselinereasoning
             * @default
             */
            baselineReasoning?: string;
            /**
             * Currentreasoning
             * @default
             */
            currentReasoning?: string;
        };
        /** VisionConfig */
        VisionConfig: {
            /**
             * Includescreenshots
             * @default false
             */
            includeScreenshots?: boolean;
            /**
             * Screenshotinterval
             * @default 5
             */
            screenshotInterval?: number;
        };
        /** VoiceCallPublic */
        VoiceCallPublic: {
            /** Sessionid */
            sessionId: string;
            /** Transport */
            transport: string;
            /** Turns */
            turns: number;
            /** Latencyp50Ms */
            latencyP50Ms: number | null;
            /** Latencyp95Ms */
            latencyP95Ms: number | null;
            /** Talkoverms */
            talkOverMs: number;
            /** Interruptions */
            interruptions: number;
            /** Yields */
            yields: number;
            /** Longsilences */
            longSilences: number;
            /** Wordsperminute */
            wordsPerMinute: number | null;
            /** Confidence */
            confidence: number | null;
            /** Durationms */
            durationMs: number;
            /** Summary */
            summary: {
                [key: string]: unknown;
            };
            /** Turndetails */
            turnDetails: components["schemas"]["VoiceTurnPublic"][];
            /** Recordings */
            recordings: components["schemas"]["VoiceRecording"][];
            /**
             * Recordingspurged
             * @default false
             */
            recordingsPurged?: boolean;
        };
        /**
         * VoiceRealismConfig
         * @description Realism knobs; on an objective, the ones set override the persona's.
         */
        VoiceRealismConfig: {
            /** Noise */
            noise?: ("none" | "white" | "pink" | "brown" | "street" | "babble" | "office") | null;
            /**
             * Snrdb
             * @description Speech-to-noise ratio in dB
             */
            snrDb?: number | null;
            /**
             * Fillers
             * @description Chance of a filler per sentence
             */
            fillers?: number | null;
            /**
             * Pauses
             * @description Chance of a pause mid-sentence
             */
            pauses?: number | null;
            /** Pausems */
            pauseMs?: number | null;
            bargeIn?: components["schemas"]["BargeInConfig"] | null;
        };
        /** VoiceRecording */
        VoiceRecording: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Channel */
            channel: string;
            /** Contenttype */
            contentType: string;
            /** Size */
            size: number;
            /** Url */
            url: string;
        };
        /** VoiceSettingsPublic */
        VoiceSettingsPublic: {
            /**
             * Audioretentiondays
             * @description Recordings older than this many days are deleted; 0 keeps them
             */
            audioRetentionDays: number;
            /**
             * Serverdefaultdays
             * @default 0
             */
            serverDefaultDays?: number;
        };
        /** VoiceSettingsUpdate */
        VoiceSettingsUpdate: {
            /**
             * Audioretentiondays
             * @description null: the server's default (MIMIC_AUDIO_RETENTION_DAYS)
             */
            audioRetentionDays?: number | null;
        };
        /**
         * VoiceStats
         * @description Voice sessions of the range: the agents' answers as heard on the calls.
         */
        VoiceStats: {
            /**
             * Sessions
             * @description Voice sessions with a stored call
             */
            sessions: number;
            /**
             * Turns
             * @description Agent answers measured
             */
            turns: number;
            /**
             * Latencyp50Ms
             * @description End of the persona's speech to the agent's first audio, p50
             */
            latencyP50Ms: number | null;
            /** Latencyp95Ms */
            latencyP95Ms: number | null;
            /**
             * Talkoverms
             * @description Both speaking at once, summed over the calls
             */
            talkOverMs: number;
            /**
             * Interruptions
             * @description Answers the persona cut into
             */
            interruptions: number;
            /**
             * Yields
             * @description Of those, answers the agent stopped within the threshold
             */
            yields: number;
            /**
             * Yieldrate
             * @description yields / interruptions (0 to 1)
             */
            yieldRate: number | null;
            /** Longsilences */
            longSilences: number;
            /**
             * Wordsperminute
             * @description Mean pace of the agents' answers
             */
            wordsPerMinute: number | null;
            /**
             * Confidence
             * @description Mean recognition confidence of the agents' answers (0 to 1)
             */
            confidence: number | null;
        };
        /** VoiceTurnPublic */
        VoiceTurnPublic: {
            /** Messageid */
            messageId: string | null;
            /** Turnindex */
            turnIndex: number;
            /** Startms */
            startMs: number;
            /** Endms */
            endMs: number;
            /** Latencyms */
            latencyMs: number | null;
            /** Speechms */
            speechMs: number;
            /** Maxgapms */
            maxGapMs: number;
            /** Talkoverms */
            talkOverMs: number;
            /** Interrupted */
            interrupted: boolean;
            /** Yielded */
            yielded: boolean | null;
            /** Yieldms */
            yieldMs: number | null;
            /** Words */
            words: number;
            /** Wordsperminute */
            wordsPerMinute: number | null;
            /** Confidence */
            confidence: number | null;
        };
        /** WebhookCreate */
        WebhookCreate: {
            /** Url */
            url: string;
            /** Events */
            events: ("session.started" | "session.completed" | "session.failed" | "session.error" | "session.cancelled" | "finding.created" | "run.started" | "run.completed" | "run.cancelled" | "run.below_threshold" | "judgement.completed" | "run.rejudged" | "review.completed" | "calibration.completed" | "webhook.test" | "*")[];
            /** Secret */
            secret?: string | null;
            /**
             * Description
             * @default
             */
            description?: string;
            /**
             * Active
             * @default true
             */
            active?: boolean;
        };
        /** WebhookCreated */
        WebhookCreated: {
            /** Id */
            id: string;
            /** Url */
            url: string;
            /** Description */
            description: string;
            /** Events */
            events: string[];
            /** Secret */
            secret: string;
            /** Active */
            active: boolean;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
            /**
             * Secretshownonce
             * @default false
             */
            secretShownOnce?: boolean;
        };
        /** WebhookEvents */
        WebhookEvents: {
            /** Events */
            events: string[];
            /** Descriptions */
            descriptions: {
                [key: string]: string;
            };
        };
        /**
         * WebhookPublic
         * @description `secret` is masked: the last 4 characters at most.
         */
        WebhookPublic: {
            /** Id */
            id: string;
            /** Url */
            url: string;
            /** Description */
            description: string;
            /** Events */
            events: string[];
            /** Secret */
            secret: string;
            /** Active */
            active: boolean;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
        };
        /** WebhookUpdate */
        WebhookUpdate: {
            /** Url */
            url?: string | null;
            /** Events */
            events?: ("session.started" | "session.completed" | "session.failed" | "session.error" | "session.cancelled" | "finding.created" | "run.started" | "run.completed" | "run.cancelled" | "run.below_threshold" | "judgement.completed" | "run.rejudged" | "review.completed" | "calibration.completed" | "webhook.test" | "*")[] | null;
            /** Secret */
            secret?: string | null;
            /** Description */
            description?: string | null;
            /** Active */
            active?: boolean | null;
        };
        /**
         * WhatsAppSendRequest
         * @description What a bot sends to the Graph API's /{phone-number-id}/messages (text messages).
         */
        WhatsAppSendRequest: {
            /**
             * Messaging Product
             * @constant
             */
            messaging_product: "whatsapp";
            /**
             * Recipient Type
             * @default individual
             * @constant
             */
            recipient_type?: "individual";
            /** To */
            to: string;
            /**
             * Type
             * @default text
             * @constant
             */
            type?: "text";
            text: components["schemas"]["WhatsAppText"];
        };
        /** WhatsAppText */
        WhatsAppText: {
            /** Body */
            body: string;
        };
        /** WorkspaceCreate */
        WorkspaceCreate: {
            /** Name */
            name: string;
        };
        /** WorkspacePublic */
        WorkspacePublic: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Slug */
            slug: string;
            /** Role */
            role: string;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
        };
        /** WorkspaceUpdate */
        WorkspaceUpdate: {
            /** Name */
            name: string;
        };
        /**
         * Mimic project file (mimic.yaml)
         * @description Version 1. Personas, objectives (with checks), agents (secrets as ${ENV_VAR} references, never inline), suites and their defaults. See the README's section on mimic.yaml.
         */
        MimicYaml: {
            /**
             * Version
             * @description The version of this file's format
             * @constant
             */
            version: 1;
            /** @default null */
            defaults?: components["schemas"]["MimicYamlDefaults"] | null;
            /** Personas */
            personas?: components["schemas"]["MimicYamlPersonaEntry"][];
            /** Objectives */
            objectives?: components["schemas"]["MimicYamlObjectiveEntry"][];
            /** Agents */
            agents?: (components["schemas"]["MimicYamlHttpAgentEntry"] | components["schemas"]["MimicYamlOpenAIAgentEntry"] | components["schemas"]["MimicYamlWebSocketAgentEntry"] | components["schemas"]["MimicYamlHostedAgentEntry"] | components["schemas"]["MimicYamlBrowserAgentEntry"] | components["schemas"]["MimicYamlWhatsAppAgentEntry"] | components["schemas"]["MimicYamlVoiceAgentEntry"])[];
            /** Suites */
            suites?: components["schemas"]["MimicYamlSuiteEntry"][];
        };
        /** BargeInConfig */
        MimicYamlBargeInConfig: {
            /**
             * Afterms
             * @description How far into the agent's answer the persona cuts in
             */
            afterMs: number;
            /**
             * Every
             * @description On every n-th answer
             * @default 1
             */
            every?: number;
            /**
             * Maxtimes
             * @default 1
             */
            maxTimes?: number;
        };
        /**
         * BrowserAgentEntry
         * @description A browser agent. A website that personas use in headless Chromium.
         */
        MimicYamlBrowserAgentEntry: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "browser";
            config: components["schemas"]["MimicYamlBrowserAgentConfig"];
            /**
             * Status
             * @default active
             * @enum {string}
             */
            status?: "active" | "inactive";
        };
        /**
         * CalibrationGate
         * @description The suite's judge model and prompt version must have a calibration report on this set
         *     (its latest) with Cohen's kappa at or above `minKappa`.
         */
        MimicYamlCalibrationGate: {
            /**
             * Set
             * @description The calibration set's name (or id)
             */
            set: string;
            /**
             * Minkappa
             * @default 0.6
             */
            minKappa?: number;
        };
        /**
         * Defaults
         * @description Settings of every suite of the file that does not set them itself.
         */
        MimicYamlDefaults: {
            /**
             * Repeats
             * @description Sessions per cell (default 1)
             * @default null
             */
            repeats?: number | null;
            /**
             * Model
             * @description The persona simulator's model
             * @default null
             */
            model?: string | null;
            /**
             * Judgemodel
             * @default null
             */
            judgeModel?: string | null;
            /**
             * Judgerepeats
             * @description Independent judgements of each session, the majority per criterion (else the workspace's)
             * @default null
             */
            judgeRepeats?: number | null;
            /**
             * Seed
             * @description Makes offline runs reproducible
             * @default null
             */
            seed?: number | null;
            /**
             * Maxmessages
             * @default null
             */
            maxMessages?: number | null;
            /**
             * Duration
             * @description Seconds per session
             * @default null
             */
            duration?: number | null;
            /**
             * Messageinterval
             * @default null
             */
            messageInterval?: number | null;
            /** @default null */
            thresholds?: components["schemas"]["MimicYamlSuiteThresholds"] | null;
            /**
             * @description Require a judge calibrated on this set: else the runs fail their gate
             * @default null
             */
            calibrationGate?: components["schemas"]["MimicYamlCalibrationGate"] | null;
        };
        /**
         * HostedAgentEntry
         * @description A hosted agent. An agent Mimic runs itself through litellm.
         */
        MimicYamlHostedAgentEntry: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "hosted";
            config: components["schemas"]["MimicYamlHostedAgentConfig"];
            /**
             * Status
             * @default active
             * @enum {string}
             */
            status?: "active" | "inactive";
        };
        /**
         * HttpAgentEntry
         * @description A http agent. A JSON webhook: Mimic POSTs the persona's message and reads the reply at `replyPath`.
         */
        MimicYamlHttpAgentEntry: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "http";
            config: components["schemas"]["MimicYamlHttpAgentConfig"];
            /**
             * Status
             * @default active
             * @enum {string}
             */
            status?: "active" | "inactive";
        };
        /**
         * LLMChoice
         * @description A model picked for one role; empty means: fall back to the next level.
         */
        MimicYamlLLMChoice: {
            /**
             * Model
             * @default null
             */
            model?: string | null;
            /**
             * Temperature
             * @default null
             */
            temperature?: number | null;
        };
        /** Matrix */
        MimicYamlMatrix: {
            /**
             * Personas
             * @description Persona names
             */
            personas: string[];
            /**
             * Objectives
             * @description Objective names
             */
            objectives: string[];
        };
        /**
         * ObjectiveCheck
         * @description A deterministic check of the agent's replies, its own verdict row (promptfoo style).
         *     A check naming a `criterion` decides it: not met when the check fails, met when it passes
         *     and the judge could not tell.
         */
        MimicYamlObjectiveCheck: {
            /**
             * Type
             * @enum {string}
             */
            type: "contains" | "not_contains" | "regex" | "not_regex" | "max_latency" | "max_turns" | "language" | "json_schema";
            /**
             * Value
             * @description contains/not_contains: the text; regex/not_regex: the pattern; max_latency: ms; max_turns: persona messages; language: an ISO 639-1 code
             * @default null
             */
            value?: string | number | null;
            /**
             * Schema
             * @description json_schema's schema
             * @default null
             */
            schema?: {
                [key: string]: unknown;
            } | null;
            /**
             * Scope
             * @description Which replies: any (contains/regex), every (not_*, json_schema), or the last one
             * @default null
             */
            scope?: ("any" | "every" | "last") | null;
            /**
             * Casesensitive
             * @default false
             */
            caseSensitive?: boolean;
            /**
             * Criterion
             * @description The criterion (from 0) it decides
             * @default null
             */
            criterion?: number | null;
            /**
             * Label
             * @default
             */
            label?: string;
        } & (unknown & unknown & unknown & unknown);
        /** ObjectiveConfig */
        MimicYamlObjectiveConfig: {
            /**
             * Autonomylevel
             * @default goal-directed
             * @enum {string}
             */
            autonomyLevel?: "guided" | "goal-directed" | "exploratory";
            /**
             * Maxactions
             * @description Browser action budget
             * @default 30
             */
            maxActions?: number;
            /**
             * Maxturns
             * @description Chat turn budget (persona messages)
             * @default 12
             */
            maxTurns?: number;
            /**
             * @description Voice calls: realism knobs that override the persona's (noise, barge-in...)
             * @default null
             */
            voice?: components["schemas"]["MimicYamlVoiceRealismConfig"] | null;
        };
        /** ObjectiveDefinition */
        MimicYamlObjectiveDefinition: {
            /** Goal */
            goal: string;
            /** Constraints */
            constraints?: string[];
            /** Successcriteria */
            successCriteria?: string[] | string;
            /** Keywords */
            keywords?: string[];
        };
        /**
         * ObjectiveEntry
         * @description An objective exactly as the API takes it (POST /api/objectives), its deterministic
         *     `checks` (ObjectiveCheck) beside the criteria they may decide.
         */
        MimicYamlObjectiveEntry: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            definition: components["schemas"]["MimicYamlObjectiveDefinition"];
            config?: components["schemas"]["MimicYamlObjectiveConfig"];
            /** Checks */
            checks?: components["schemas"]["MimicYamlObjectiveCheck"][];
        };
        /**
         * OpenAIAgentEntry
         * @description A openai agent. Any OpenAI-compatible chat completions endpoint.
         */
        MimicYamlOpenAIAgentEntry: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "openai";
            config: components["schemas"]["MimicYamlOpenAIAgentConfig"];
            /**
             * Status
             * @default active
             * @enum {string}
             */
            status?: "active" | "inactive";
        };
        /** PersonaConfig */
        MimicYamlPersonaConfig: {
            /**
             * Messageinterval
             * @description Seconds between persona messages
             * @default 0
             */
            messageInterval?: number;
            /**
             * Sessionduration
             * @description Session budget in seconds
             * @default 300
             */
            sessionDuration?: number;
            /**
             * @description How the persona sounds on voice calls
             * @default null
             */
            voice?: components["schemas"]["MimicYamlPersonaVoiceConfig"] | null;
        };
        /** PersonaDefinition */
        MimicYamlPersonaDefinition: {
            /**
             * Identity
             * @default
             */
            identity?: string;
            /**
             * Techprofile
             * @default
             */
            techProfile?: string;
            /**
             * Personality
             * @default
             */
            personality?: string;
            /** Tendencies */
            tendencies?: string[];
        };
        /**
         * PersonaEntry
         * @description A persona, exactly as the API takes it (POST /api/personas).
         */
        MimicYamlPersonaEntry: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            /**
             * Prompt
             * @default
             */
            prompt?: string;
            definition?: components["schemas"]["MimicYamlPersonaDefinition"];
            traits?: components["schemas"]["MimicYamlPersonaTraits"];
            metadata?: components["schemas"]["MimicYamlPersonaMetadata"];
            config?: components["schemas"]["MimicYamlPersonaConfig"];
            llmConfig?: components["schemas"]["MimicYamlLLMChoice"];
            /**
             * Language
             * @default en
             */
            language?: string;
        };
        /** PersonaMetadata */
        MimicYamlPersonaMetadata: {
            /**
             * Archetype
             * @default
             */
            archetype?: string;
            /** Tags */
            tags?: string[];
        };
        /**
         * PersonaTraits
         * @description Traits keep their snake_case keys (as the seed does) and allow free keys.
         */
        MimicYamlPersonaTraits: {
            /**
             * Communication Style
             * @default null
             */
            communication_style?: string | null;
            /**
             * Patience Level
             * @default null
             */
            patience_level?: ("low" | "medium" | "high") | null;
            /**
             * Urgency
             * @default null
             */
            urgency?: ("low" | "medium" | "high") | null;
        } & {
            [key: string]: unknown;
        };
        /**
         * PersonaVoiceConfig
         * @description How the persona sounds and listens on voice calls. Empty fields follow its traits.
         */
        MimicYamlPersonaVoiceConfig: {
            /**
             * Engine
             * @default espeak
             * @enum {string}
             */
            engine?: "espeak" | "hosted";
            /**
             * Model
             * @description Hosted text-to-speech model
             * @default null
             */
            model?: string | null;
            /**
             * Voice
             * @description Hosted voice name, e.g. alloy
             * @default null
             */
            voice?: string | null;
            /**
             * Accent
             * @description e.g. scottish, en-gb, es
             * @default null
             */
            accent?: string | null;
            /**
             * Espeakvariant
             * @default null
             */
            espeakVariant?: string | null;
            /**
             * Ratewpm
             * @default null
             */
            rateWpm?: number | null;
            /**
             * Pitch
             * @default null
             */
            pitch?: number | null;
            /**
             * Listenengine
             * @default pocketsphinx
             * @enum {string}
             */
            listenEngine?: "pocketsphinx" | "hosted";
            /**
             * Listenmodel
             * @description Hosted speech-to-text model
             * @default null
             */
            listenModel?: string | null;
            realism?: components["schemas"]["MimicYamlVoiceRealismConfig"];
        } & (unknown & unknown);
        /**
         * Severity
         * @enum {string}
         */
        MimicYamlSeverity: "low" | "medium" | "high" | "critical";
        /**
         * SuiteEntry
         * @description personas x objectives x repeats against one agent.
         */
        MimicYamlSuiteEntry: {
            /**
             * Repeats
             * @description Sessions per cell (default 1)
             * @default null
             */
            repeats?: number | null;
            /**
             * Model
             * @description The persona simulator's model
             * @default null
             */
            model?: string | null;
            /**
             * Judgemodel
             * @default null
             */
            judgeModel?: string | null;
            /**
             * Judgerepeats
             * @description Independent judgements of each session, the majority per criterion (else the workspace's)
             * @default null
             */
            judgeRepeats?: number | null;
            /**
             * Seed
             * @description Makes offline runs reproducible
             * @default null
             */
            seed?: number | null;
            /**
             * Maxmessages
             * @default null
             */
            maxMessages?: number | null;
            /**
             * Duration
             * @description Seconds per session
             * @default null
             */
            duration?: number | null;
            /**
             * Messageinterval
             * @default null
             */
            messageInterval?: number | null;
            /** @default null */
            thresholds?: components["schemas"]["MimicYamlSuiteThresholds"] | null;
            /**
             * @description Require a judge calibrated on this set: else the runs fail their gate
             * @default null
             */
            calibrationGate?: components["schemas"]["MimicYamlCalibrationGate"] | null;
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            /**
             * Agent
             * @description The agent's name
             */
            agent: string;
            matrix: components["schemas"]["MimicYamlMatrix"];
        };
        /**
         * SuiteThresholds
         * @description What a run must reach for `mimic test` (and CI) to pass it. Pass rates count judged
         *     sessions only (passed or failed); infrastructure errors are held to `maxErrorRate` and
         *     inconclusive sessions to `maxInconclusiveRate` apart; spoiled sessions are only shown.
         */
        MimicYamlSuiteThresholds: {
            /**
             * Passrate
             * @description Least pass rate over all cells
             * @default null
             */
            passRate?: number | null;
            /**
             * Cellpassrate
             * @description Least pass rate of every cell
             * @default null
             */
            cellPassRate?: number | null;
            /**
             * Passk
             * @description Least share of cells whose every repeat passed (pass^k)
             * @default null
             */
            passK?: number | null;
            /**
             * Maxerrorrate
             * @description Most infrastructure errors, as a share of sessions (default 0)
             * @default null
             */
            maxErrorRate?: number | null;
            /**
             * Maxinconclusiverate
             * @description Most sessions the judge left inconclusive, as a share of the ended sessions (default: any)
             * @default null
             */
            maxInconclusiveRate?: number | null;
            /**
             * Maxfindings
             * @description Most findings of each severity, e.g. {critical: 0, high: 2}
             * @default null
             */
            maxFindings?: {
                [key: string]: number;
            } | null;
            /**
             * Maxregressions
             * @description Most cells that passed in the baseline and fail now (default 0)
             * @default null
             */
            maxRegressions?: number | null;
        };
        /**
         * VoiceAgentEntry
         * @description A voice agent. A voice agent: `transport` picks the config (websocket | http | hosted). A telephony
         *     transport is one more entry here and one more adapter in app/engine/targets/voice.py.
         */
        MimicYamlVoiceAgentEntry: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "voice";
            config: components["schemas"]["MimicYamlVoiceAgentConfig"];
            /**
             * Status
             * @default active
             * @enum {string}
             */
            status?: "active" | "inactive";
        };
        /**
         * VoiceRealismConfig
         * @description Realism knobs; on an objective, the ones set override the persona's.
         */
        MimicYamlVoiceRealismConfig: {
            /**
             * Noise
             * @default null
             */
            noise?: ("none" | "white" | "pink" | "brown" | "street" | "babble" | "office") | null;
            /**
             * Snrdb
             * @description Speech-to-noise ratio in dB
             * @default null
             */
            snrDb?: number | null;
            /**
             * Fillers
             * @description Chance of a filler per sentence
             * @default null
             */
            fillers?: number | null;
            /**
             * Pauses
             * @description Chance of a pause mid-sentence
             * @default null
             */
            pauses?: number | null;
            /**
             * Pausems
             * @default null
             */
            pauseMs?: number | null;
            /** @default null */
            bargeIn?: components["schemas"]["MimicYamlBargeInConfig"] | null;
        };
        /**
         * WebSocketAgentEntry
         * @description A websocket agent.
         */
        MimicYamlWebSocketAgentEntry: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "websocket";
            config: components["schemas"]["MimicYamlWebSocketAgentConfig"];
            /**
             * Status
             * @default active
             * @enum {string}
             */
            status?: "active" | "inactive";
        };
        /**
         * WhatsAppAgentEntry
         * @description A whatsapp agent. A bot speaking the WhatsApp Cloud API webhook format. Mimic posts inbound-message
         *     webhooks to `webhookUrl`; the bot answers through Mimic's Graph-API-style endpoint
         *     POST /api/whatsapp/{agentId}/messages with `Authorization: Bearer <accessToken>`.
         */
        MimicYamlWhatsAppAgentEntry: {
            /** Name */
            name: string;
            /**
             * Description
             * @default
             */
            description?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "whatsapp";
            config: components["schemas"]["MimicYamlWhatsAppAgentConfig"];
            /**
             * Status
             * @default active
             * @enum {string}
             */
            status?: "active" | "inactive";
        };
        /**
         * HttpAgentConfig
         * @description A JSON webhook: Mimic POSTs the persona's message and reads the reply at `replyPath`.
         */
        MimicYamlHttpAgentConfig: {
            /**
             * Timeoutseconds
             * @description Per-call timeout
             * @default 30
             */
            timeoutSeconds?: number;
            /** Url */
            url: string;
            /**
             * Method
             * @default POST
             * @enum {string}
             */
            method?: "POST" | "PUT" | "PATCH" | "GET";
            /** Headers */
            headers?: {
                [key: string]: string;
            };
            /**
             * Bodytemplate
             * @description JSON with {{message}}, {{sessionId}} and {{history}} placeholders, quoted or not: "{{message}}" becomes the message as a JSON string, {{history}} the list of earlier turns
             * @default {"message": "{{message}}", "sessionId": "{{sessionId}}"}
             */
            bodyTemplate?: string;
            /**
             * Replypath
             * @description e.g. data.messages[0].text
             * @default reply
             */
            replyPath?: string;
        };
        /**
         * OpenAIAgentConfig
         * @description Any OpenAI-compatible chat completions endpoint.
         */
        MimicYamlOpenAIAgentConfig: {
            /**
             * Timeoutseconds
             * @description Per-call timeout
             * @default 30
             */
            timeoutSeconds?: number;
            /** Baseurl */
            baseUrl: string;
            /** Model */
            model: string;
            /**
             * Apikey
             * @default
             */
            apiKey?: string;
            /**
             * Systemprompt
             * @default
             */
            systemPrompt?: string;
            /**
             * Temperature
             * @default null
             */
            temperature?: number | null;
        };
        /** WebSocketAgentConfig */
        MimicYamlWebSocketAgentConfig: {
            /**
             * Timeoutseconds
             * @description Per-call timeout
             * @default 30
             */
            timeoutSeconds?: number;
            /** Url */
            url: string;
            /** Headers */
            headers?: {
                [key: string]: string;
            };
            /**
             * Messagetemplate
             * @default {"message": "{{message}}", "sessionId": "{{sessionId}}"}
             */
            messageTemplate?: string;
            /**
             * Replypath
             * @default reply
             */
            replyPath?: string;
        };
        /**
         * HostedAgentConfig
         * @description An agent Mimic runs itself through litellm.
         */
        MimicYamlHostedAgentConfig: {
            /**
             * Timeoutseconds
             * @description Per-call timeout
             * @default 30
             */
            timeoutSeconds?: number;
            /** Systemprompt */
            systemPrompt: string;
            /**
             * Model
             * @default null
             */
            model?: string | null;
            /**
             * Temperature
             * @default 0.7
             */
            temperature?: number;
            /**
             * Maxtokens
             * @default 512
             */
            maxTokens?: number;
        };
        /**
         * AccessibilityConfig
         * @description The axe-core rules run on each page of a browser session.
         */
        MimicYamlAccessibilityConfig: {
            /**
             * Enabled
             * @default true
             */
            enabled?: boolean;
            /**
             * Standard
             * @description The WCAG version and level held to (each includes the ones below it)
             * @default wcag22aa
             * @enum {string}
             */
            standard?: "wcag2a" | "wcag2aa" | "wcag21a" | "wcag21aa" | "wcag22a" | "wcag22aa";
            /**
             * Bestpractice
             * @description Also axe's best-practice rules (landmarks, regions, heading order), reported a step below their impact
             * @default true
             */
            bestPractice?: boolean;
        };
        /** Viewport */
        MimicYamlViewport: {
            /**
             * Width
             * @default 1280
             */
            width?: number;
            /**
             * Height
             * @default 800
             */
            height?: number;
        };
        /**
         * BrowserAgentConfig
         * @description A website that personas use in headless Chromium.
         */
        MimicYamlBrowserAgentConfig: {
            /**
             * Timeoutseconds
             * @description Per-call timeout
             * @default 30
             */
            timeoutSeconds?: number;
            /** Targeturl */
            targetUrl: string;
            /**
             * Allowedorigins
             * @description Defaults to the target URL's origin
             */
            allowedOrigins?: string[];
            viewport?: components["schemas"]["MimicYamlViewport"];
            accessibility?: components["schemas"]["MimicYamlAccessibilityConfig"];
        };
        /**
         * WhatsAppAgentConfig
         * @description A bot speaking the WhatsApp Cloud API webhook format. Mimic posts inbound-message
         *     webhooks to `webhookUrl`; the bot answers through Mimic's Graph-API-style endpoint
         *     POST /api/whatsapp/{agentId}/messages with `Authorization: Bearer <accessToken>`.
         */
        MimicYamlWhatsAppAgentConfig: {
            /**
             * Timeoutseconds
             * @description Per-call timeout
             * @default 30
             */
            timeoutSeconds?: number;
            /** Webhookurl */
            webhookUrl: string;
            /**
             * Phonenumber
             * @description The bot's number, E.164
             * @default +15550100000
             */
            phoneNumber?: string;
            /**
             * Accesstoken
             * @description The token the bot presents to the send endpoint
             */
            accessToken: string;
            /**
             * Appsecret
             * @description Signs inbound webhooks (X-Hub-Signature-256)
             * @default
             */
            appSecret?: string;
        };
        /**
         * VoiceAgentConfig
         * @description A voice agent: `transport` picks the config (websocket | http | hosted). A telephony
         *         transport is one more entry here and one more adapter in app/engine/targets/voice.py.
         */
        MimicYamlVoiceAgentConfig: {
            /**
             * @default websocket
             * @enum {unknown}
             */
            transport?: "websocket" | "http" | "hosted";
        } & (unknown & unknown & unknown);
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health_health_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    api_info_api_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiInfo"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    register_api_auth_register_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    login_api_auth_login_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    start_session_api_auth_session_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["Body_start_session_api_auth_session_post"];
            };
        };
        responses: {
            /** @description To `next` with the cookie set, or to /login when the ticket is not valid */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    logout_api_auth_logout_post: {
        parameters: {
            query?: {
                /** @description End every token of the account, on every device */
                everywhere?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A form post from the dashboard: to /login, the cookie cleared */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    me_api_auth_me_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MePublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    update_me_api_auth_me_patch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProfileUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_api_keys_api_auth_api_keys_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPublic"][];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    create_api_key_api_auth_api_keys_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    revoke_api_key_api_auth_api_keys__key_id__delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_workspaces_api_workspaces_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspacePublic"][];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    create_workspace_api_workspaces_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkspaceCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspacePublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    rename_workspace_api_workspaces_current_patch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkspaceUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspacePublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    switch_workspace_api_workspaces__workspace_id__switch_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                workspace_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspacePublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_roles_api_access_roles_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RolesPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_team_api_access_team_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    invite_member_api_access_team_members_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvitationCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationCreated"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    remove_member_api_access_team_members__user_id__delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    change_role_api_access_team_members__user_id__patch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    revoke_invitation_api_access_invitations__invitation_id__delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                invitation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    accept_invitation_api_access_invitations_accept_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvitationAccept"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspacePublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_events_api_audit_get: {
        parameters: {
            query?: {
                /** @description Page number, from 1 */
                page?: number;
                /** @description Items per page (max 100) */
                limit?: number;
                /** @description One of: auth.sign_in, auth.sign_in_failed, api_key.created, api_key.revoked, invitation.created, invitation.revoked, invitation.accepted, member.role_changed, member.removed, persona.deleted, objective.deleted, agent.deleted, suite.deleted, webhook.deleted, provider.deleted, custom_model.deleted, finding_group.state_changed, session.rejudged, run.rejudged, conversation.judged, review.submitted, calibration_set.created, calibration_set.deleted, calibration.started, calibration.deleted, judging.settings_changed */
                action?: string | null;
                /** @description The acting user's id */
                actorId?: string | null;
                /** @description From this moment, ISO 8601 (inclusive; UTC if no offset) */
                since?: string | null;
                /** @description Up to this moment, ISO 8601 (inclusive; UTC if no offset) */
                until?: string | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Paginated_AuditEventPublic_"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    import_items_api_personas_import_post: {
        parameters: {
            query?: {
                /** @description The body's format when its Content-Type is neither JSON nor YAML */
                format?: ("json" | "yaml") | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PersonaCreate"] | components["schemas"]["PersonaCreate"][] | {
                    personas: components["schemas"]["PersonaCreate"][];
                };
                "application/yaml": string;
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResult_PersonaPublic_"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    export_items_api_personas_export_get: {
        parameters: {
            query?: {
                format?: "json" | "yaml";
                /** @description Ids, comma-separated and/or repeated (ids=a,b&ids=c); all when absent */
                ids?: string[] | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "application/yaml": unknown;
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_items_api_personas_get: {
        parameters: {
            query?: {
                /** @description Page number, from 1 */
                page?: number;
                /** @description Items per page (max 100) */
                limit?: number;
                /** @description Search in name and description */
                q?: string | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Paginated_PersonaPublic_"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    create_item_api_personas_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PersonaCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PersonaPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_item_api_personas__item_id__get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PersonaPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    replace_item_api_personas__item_id__put: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PersonaCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PersonaPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    delete_item_api_personas__item_id__delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    update_item_api_personas__item_id__patch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PersonaUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PersonaPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    duplicate_item_api_personas__item_id__duplicate_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PersonaPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    import_items_api_objectives_import_post: {
        parameters: {
            query?: {
                /** @description The body's format when its Content-Type is neither JSON nor YAML */
                format?: ("json" | "yaml") | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ObjectiveCreate"] | components["schemas"]["ObjectiveCreate"][] | {
                    objectives: components["schemas"]["ObjectiveCreate"][];
                };
                "application/yaml": string;
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResult_ObjectivePublic_"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    export_items_api_objectives_export_get: {
        parameters: {
            query?: {
                format?: "json" | "yaml";
                /** @description Ids, comma-separated and/or repeated (ids=a,b&ids=c); all when absent */
                ids?: string[] | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "application/yaml": unknown;
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_items_api_objectives_get: {
        parameters: {
            query?: {
                /** @description Page number, from 1 */
                page?: number;
                /** @description Items per page (max 100) */
                limit?: number;
                /** @description Search in name and description */
                q?: string | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Paginated_ObjectivePublic_"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    create_item_api_objectives_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ObjectiveCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ObjectivePublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_item_api_objectives__item_id__get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ObjectivePublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    replace_item_api_objectives__item_id__put: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ObjectiveCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ObjectivePublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    delete_item_api_objectives__item_id__delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    update_item_api_objectives__item_id__patch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ObjectiveUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ObjectivePublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    duplicate_item_api_objectives__item_id__duplicate_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ObjectivePublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_items_api_agents_get: {
        parameters: {
            query?: {
                /** @description Page number, from 1 */
                page?: number;
                /** @description Items per page (max 100) */
                limit?: number;
                /** @description Search in name and description */
                q?: string | null;
                /** @description Only agents of this type */
                type?: components["schemas"]["AgentType"] | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Paginated_AgentPublic_"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    create_item_api_agents_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_item_api_agents__item_id__get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    replace_item_api_agents__item_id__put: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    delete_item_api_agents__item_id__delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    update_item_api_agents__item_id__patch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    duplicate_item_api_agents__item_id__duplicate_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    test_agent_draft_api_agents_test_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentTestDraft"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentTestResult"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    test_agent_api_agents__agent_id__test_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentTestResult"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    run_agent_api_agents__agent_id__run_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentRunRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentRunResult"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description UPSTREAM_ERROR */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    send_message_api_whatsapp__agent_id__messages_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Bearer <the agent's accessToken> */
                authorization?: string | null;
            };
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WhatsAppSendRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_sessions_api_sessions_get: {
        parameters: {
            query?: {
                /** @description Page number, from 1 */
                page?: number;
                /** @description Items per page (max 100) */
                limit?: number;
                status?: components["schemas"]["SessionStatus"] | null;
                agentId?: string | null;
                personaId?: string | null;
                runId?: string | null;
                outcome?: components["schemas"]["SessionOutcome"] | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Paginated_SessionPublic_"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    create_session_api_sessions_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SessionCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_session_api_sessions__session_id__get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionDetail"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    stop_session_api_sessions__session_id__delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionStopped"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_session_state_api_sessions__session_id__status_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionState"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    wait_for_session_api_sessions__session_id__wait_get: {
        parameters: {
            query?: {
                /** @description Seconds to wait at most */
                timeout?: number;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionState"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_verdicts_api_sessions__session_id__verdicts_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionVerdict"] | null;
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_findings_api_sessions__session_id__findings_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FindingPublic"][];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_judgements_api_sessions__session_id__judgements_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JudgementPublic"][];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    rejudge_session_api_sessions__session_id__judgements_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["JudgeRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JudgementPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_reviews_api_sessions__session_id__reviews_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewPublic"][];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    submit_review_api_sessions__session_id__reviews_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    start_session_api_sessions__session_id__start_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    rerun_session_api_sessions__session_id__rerun_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_usage_api_sessions__session_id__usage_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoleUsage"][];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    cancel_session_api_sessions__session_id__cancel_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionStopped"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    export_session_api_sessions__session_id__export_get: {
        parameters: {
            query?: {
                format?: "json" | "markdown";
                /** @description For EventSource clients, which cannot send headers */
                token?: string | null;
            };
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "text/markdown": unknown;
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    session_report_api_sessions__session_id__report_get: {
        parameters: {
            query?: {
                format?: "html";
                /** @description For EventSource clients, which cannot send headers */
                token?: string | null;
            };
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_pages_api_sessions__session_id__pages_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionPage"][];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_artifacts_api_sessions__session_id__artifacts_get: {
        parameters: {
            query?: {
                kind?: string | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArtifactPublic"][];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_artifact_api_sessions__session_id__artifacts__artifact_id__get: {
        parameters: {
            query?: {
                /** @description For EventSource clients, which cannot send headers */
                token?: string | null;
            };
            header?: never;
            path: {
                session_id: string;
                artifact_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": unknown;
                    "application/zip": unknown;
                    "audio/wav": unknown;
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_events_api_events__session_id__get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPublic"][];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_findings_api_events__session_id__findings_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FindingPublic"][];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    stream_api_events__session_id__stream_get: {
        parameters: {
            query?: {
                /** @description For EventSource clients, which cannot send headers */
                token?: string | null;
            };
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": unknown;
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_providers_api_providers_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProvidersPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    configure_provider_api_providers__provider_id__put: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                provider_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProviderSettings"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    remove_provider_api_providers__provider_id__delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                provider_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    test_provider_api_providers__provider_id__test_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                provider_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ProviderTestRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderTestResult"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_models_api_models_get: {
        parameters: {
            query?: {
                /** @description openai, anthropic, …, openai_compatible, mimic */
                provider?: string | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelsPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    add_custom_model_api_models_custom_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomModelCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    remove_custom_model_api_models_custom__model_id__delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                model_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    set_default_models_api_models_defaults_put: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DefaultModels"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DefaultModels"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    session_analytics_api_analytics_sessions_get: {
        parameters: {
            query?: {
                /** @description First UTC day, YYYY-MM-DD (default: 29 days before endDate) */
                startDate?: string | null;
                /** @description Last UTC day, YYYY-MM-DD (default: today) */
                endDate?: string | null;
                /** @description Only this agent's sessions */
                agentId?: string | null;
                /** @description Only this persona's sessions */
                personaId?: string | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionAnalytics"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    overview_api_analytics_overview_get: {
        parameters: {
            query?: {
                /** @description First UTC day, YYYY-MM-DD (default: 29 days before endDate) */
                startDate?: string | null;
                /** @description Last UTC day, YYYY-MM-DD (default: today) */
                endDate?: string | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardOverview"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    breakdown_api_analytics_breakdown_get: {
        parameters: {
            query?: {
                /** @description First UTC day, YYYY-MM-DD (default: 29 days before endDate) */
                startDate?: string | null;
                /** @description Last UTC day, YYYY-MM-DD (default: today) */
                endDate?: string | null;
                /** @description Only this agent's sessions */
                agentId?: string | null;
                /** @description Only this persona's sessions */
                personaId?: string | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalyticsBreakdown"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    judge_stability_api_analytics_judge_get: {
        parameters: {
            query?: {
                /** @description First UTC day, YYYY-MM-DD (default: 29 days before endDate) */
                startDate?: string | null;
                /** @description Last UTC day, YYYY-MM-DD (default: today) */
                endDate?: string | null;
                /** @description Only this agent's sessions */
                agentId?: string | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JudgeAnalytics"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    agent_analytics_api_analytics_agents__agent_id__get: {
        parameters: {
            query?: {
                /** @description First UTC day, YYYY-MM-DD (default: 29 days before endDate) */
                startDate?: string | null;
                /** @description Last UTC day, YYYY-MM-DD (default: today) */
                endDate?: string | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentAnalytics"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    pages_api_analytics_pages_get: {
        parameters: {
            query: {
                /** @description A browser agent */
                agentId: string;
                /** @description Another version of the site (a browser agent) */
                baselineAgentId?: string | null;
                /** @description First UTC day, YYYY-MM-DD (default: 29 days before endDate) */
                startDate?: string | null;
                /** @description Last UTC day, YYYY-MM-DD (default: today) */
                endDate?: string | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageComparison"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    agent_report_api_analytics_agents__agent_id__report_get: {
        parameters: {
            query?: {
                /** @description First UTC day, YYYY-MM-DD (default: 29 days before endDate) */
                startDate?: string | null;
                /** @description Last UTC day, YYYY-MM-DD (default: today) */
                endDate?: string | null;
                format?: "html";
                /** @description For EventSource clients, which cannot send headers */
                token?: string | null;
            };
            header?: never;
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_items_api_suites_get: {
        parameters: {
            query?: {
                /** @description Page number, from 1 */
                page?: number;
                /** @description Items per page (max 100) */
                limit?: number;
                /** @description Search in name and description */
                q?: string | null;
                agentId?: string | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Paginated_SuitePublic_"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    create_item_api_suites_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SuiteCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuitePublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_item_api_suites__item_id__get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuitePublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    replace_item_api_suites__item_id__put: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SuiteCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuitePublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    delete_item_api_suites__item_id__delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    update_item_api_suites__item_id__patch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SuiteUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuitePublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    duplicate_item_api_suites__item_id__duplicate_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuitePublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    run_suite_api_suites__suite_id__run_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                suite_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RunOverrides"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDetail"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    suite_trend_api_suites__suite_id__trend_get: {
        parameters: {
            query?: {
                /** @description The latest runs to show */
                limit?: number;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                suite_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuiteTrend"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    set_threshold_api_suites__suite_id__threshold_put: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                suite_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ThresholdUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuitePublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_runs_api_runs_get: {
        parameters: {
            query?: {
                /** @description Items per page (max 100) */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
                status?: components["schemas"]["RunStatus"] | null;
                suiteId?: string | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Paginated_RunPublic_"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_run_state_api_runs__run_id__status_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    wait_for_run_api_runs__run_id__wait_get: {
        parameters: {
            query?: {
                /** @description Seconds to wait at most */
                timeout?: number;
                /** @description Answer as soon as the count of ended sessions is not this one */
                done?: number | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_run_api_runs__run_id__get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDetail"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    cancel_run_api_runs__run_id__cancel_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDetail"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    compare_runs_api_runs__run_id__compare__baseline_id__get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                run_id: string;
                baseline_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunComparison"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    compare_transcripts_api_runs__run_id__compare__baseline_id__transcripts_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                run_id: string;
                baseline_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CellTranscripts"][];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    junit_report_api_runs__run_id__junit_get: {
        parameters: {
            query?: {
                /** @description For EventSource clients, which cannot send headers */
                token?: string | null;
            };
            header?: never;
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": unknown;
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    run_report_api_runs__run_id__report_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunReport"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    rejudge_run_api_runs__run_id__judgements_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["JudgeRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDetail"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_judgements_api_judgements_get: {
        parameters: {
            query?: {
                /** @description Page number, from 1 */
                page?: number;
                /** @description Items per page (max 100) */
                limit?: number;
                /** @description Your id of the conversation */
                reference?: string | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Paginated_ConversationJudgementPublic_"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    judge_conversation_api_judgements_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConversationJudgeCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationJudgementDetail"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_judgement_api_judgements__judgement_id__get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                judgement_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationJudgementDetail"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    review_queue_api_reviews_get: {
        parameters: {
            query?: {
                /** @description Page number, from 1 */
                page?: number;
                /** @description Items per page (max 100) */
                limit?: number;
                runId?: string | null;
                agentId?: string | null;
                /** @description Only sessions whose judge repeats disagreed */
                disagreement?: boolean;
                /** @description Only failed sessions */
                failed?: boolean;
                /** @description Only the sample the review rate picks */
                sampled?: boolean;
                /** @description The reviewed sessions instead of those waiting */
                reviewed?: boolean;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Paginated_ReviewQueueItem_"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_settings_api_judging_settings_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JudgingSettings"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    put_settings_api_judging_settings_put: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JudgingSettings"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JudgingSettings"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_sets_api_calibration_sets_get: {
        parameters: {
            query?: {
                /** @description Page number, from 1 */
                page?: number;
                /** @description Items per page (max 100) */
                limit?: number;
                q?: string | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Paginated_LabelledSetPublic_"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    import_set_api_calibration_sets_import_post: {
        parameters: {
            query?: {
                /** @description Else read from Content-Type */
                format?: ("json" | "yaml") | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Name */
                    name: string;
                    /**
                     * Version
                     * @default 1
                     */
                    version?: number;
                    /**
                     * Description
                     * @default
                     */
                    description?: string;
                    /** Cases */
                    cases: {
                        /** Id */
                        id: string;
                        /**
                         * Category
                         * @default
                         */
                        category?: string;
                        /**
                         * Hard
                         * @default false
                         */
                        hard?: boolean;
                        /**
                         * Notes
                         * @default
                         */
                        notes?: string;
                        /** LabelledPersona */
                        persona: {
                            /** Name */
                            name: string;
                            /**
                             * Description
                             * @default
                             */
                            description?: string;
                            /** Traits */
                            traits?: {
                                [key: string]: unknown;
                            };
                            /**
                             * Language
                             * @default en
                             */
                            language?: string;
                        };
                        /** LabelledObjective */
                        objective: {
                            /** Goal */
                            goal: string;
                            /** Constraints */
                            constraints?: string[];
                            /** Successcriteria */
                            successCriteria: string[];
                            /** Checks */
                            checks?: {
                                [key: string]: unknown;
                            }[];
                        };
                        /**
                         * Agentinstructions
                         * @default
                         */
                        agentInstructions?: string;
                        /**
                         * Endreason
                         * @default imported
                         */
                        endReason?: string;
                        /** Transcript */
                        transcript: {
                            /** Id */
                            id?: string | null;
                            /**
                             * Sendertype
                             * @enum {string}
                             */
                            senderType: "persona" | "agent";
                            /** Content */
                            content: string;
                            /** Latencyms */
                            latencyMs?: number | null;
                        }[];
                        /** Labels */
                        labels: {
                            /** Criterion */
                            criterion: number;
                            /**
                             * Status
                             * @enum {string}
                             */
                            status: "met" | "not_met" | "inconclusive";
                            /** Evidence */
                            evidence?: string[];
                            /**
                             * Why
                             * @default
                             */
                            why?: string;
                        }[];
                        /** Expectedfindings */
                        expectedFindings?: {
                            /** Type */
                            type: string;
                            /**
                             * Severity
                             * @enum {string}
                             */
                            severity: "low" | "medium" | "high" | "critical";
                            /** Evidence */
                            evidence?: string[];
                        }[];
                    }[];
                };
                "application/yaml": string;
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabelledSetDetail"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    set_from_reviews_api_calibration_sets_from_reviews_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetFromReviews"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabelledSetDetail"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_set_api_calibration_sets__set_id__get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                set_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabelledSetDetail"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    delete_set_api_calibration_sets__set_id__delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                set_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    export_set_api_calibration_sets__set_id__export_get: {
        parameters: {
            query?: {
                format?: "json" | "yaml";
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                set_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "application/yaml": unknown;
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_reports_api_calibrations_get: {
        parameters: {
            query?: {
                /** @description Page number, from 1 */
                page?: number;
                /** @description Items per page (max 100) */
                limit?: number;
                /** @description A set's id or name */
                setId?: string | null;
                judgeModel?: string | null;
                promptVersion?: string | null;
                status?: ("running" | "completed" | "error") | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Paginated_CalibrationPublic_"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    start_calibration_api_calibrations_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CalibrationCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalibrationPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_report_api_calibrations__report_id__get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                report_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalibrationDetail"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    delete_report_api_calibrations__report_id__delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                report_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_events_api_webhooks_events_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEvents"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_webhooks_api_webhooks_get: {
        parameters: {
            query?: {
                /** @description Page number, from 1 */
                page?: number;
                /** @description Items per page (max 100) */
                limit?: number;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Paginated_WebhookPublic_"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    create_webhook_api_webhooks_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookCreated"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_webhook_api_webhooks__webhook_id__get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    replace_webhook_api_webhooks__webhook_id__put: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    delete_webhook_api_webhooks__webhook_id__delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    update_webhook_api_webhooks__webhook_id__patch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    test_webhook_api_webhooks__webhook_id__test_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_deliveries_api_webhooks__webhook_id__deliveries_get: {
        parameters: {
            query?: {
                /** @description Page number, from 1 */
                page?: number;
                /** @description Items per page (max 100) */
                limit?: number;
                status?: ("pending" | "success" | "failed") | null;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Paginated_DeliveryPublic_"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    list_groups_api_findings_groups_get: {
        parameters: {
            query?: {
                /** @description Page number, from 1 */
                page?: number;
                /** @description Items per page (max 100) */
                limit?: number;
                /** @description open, acknowledged, fixed, wont_fix, regressed (fixed and seen since) or active (open, acknowledged or regressed) */
                state?: ("open" | "acknowledged" | "fixed" | "wont_fix" | "regressed" | "active") | null;
                /** @description Least highest severity */
                severity?: components["schemas"]["Severity"] | null;
                /** @description Only this agent's */
                agentId?: string | null;
                /** @description Only findings of this type */
                type?: string | null;
                /** @description Newest occurrence, most frequent, most severe, newest group */
                sort?: "lastSeen" | "count" | "severity" | "firstSeen";
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Paginated_FindingGroup_"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_group_api_findings_groups__signature__get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                /** @description The group's signature (from the list) */
                signature: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FindingGroupDetail"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    set_group_state_api_findings_groups__signature__patch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                /** @description The group's signature (from the list) */
                signature: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FindingGroupUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FindingGroup"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    search_workspace_api_search_get: {
        parameters: {
            query: {
                /** @description Words to find in names and descriptions */
                q: string;
                /** @description Comma-separated: persona,objective,agent,session,suite (default: all) */
                types?: string | null;
                /** @description Hits per page (max 100) */
                limit?: number;
                /** @description Page number, from 1 (ranked 1000 hits deep) */
                page?: number;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResults"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_voice_call_api_sessions__session_id__voice_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoiceCallPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_voice_settings_api_voice_settings_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoiceSettingsPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    update_voice_settings_api_voice_settings_put: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VoiceSettingsUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoiceSettingsPublic"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    mimic_yaml_schema_api_schemas_mimic_yaml_json_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "application/schema+json": Record<string, never>;
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    import_mimic_yaml_api_mimic_yaml_import_post: {
        parameters: {
            query?: {
                dryRun?: boolean;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description mimic.yaml: YAML text, or the document as JSON */
                    document: string | components["schemas"]["MimicYaml"];
                    /**
                     * Env
                     * @description Values of the ${NAME} references of the agents (the environment of `mimic push`)
                     */
                    env?: {
                        [key: string]: string;
                    };
                    /**
                     * Dryrun
                     * @description Check and report what would change; change nothing
                     * @default false
                     */
                    dryRun?: boolean;
                };
                "application/yaml": string;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PushSummary"];
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    export_mimic_yaml_api_mimic_yaml_export_get: {
        parameters: {
            query?: {
                format?: "json" | "yaml";
                /** @description Only these personas (by name) */
                persona?: string[] | null;
                /** @description Only these objectives */
                objective?: string[] | null;
                /** @description Only these agents */
                agent?: string[] | null;
                /** @description Only these suites */
                suite?: string[] | null;
                /** @description With the defaults of the last push */
                defaults?: boolean;
            };
            header?: {
                /** @description Act in this workspace (token callers who belong to several) */
                "x-workspace-id"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PullResult"];
                    "application/yaml": unknown;
                };
            };
            /** @description AUTHENTICATION_ERROR */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AUTHORIZATION_ERROR */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RESOURCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
}
