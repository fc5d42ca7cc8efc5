-- Drives the DL language server from Neovim's built-in LSP client (vim.lsp, Neovim 0.7+), headless.
-- Run by test/lsp/neovim.test.ts:
--   DL_NVIM_DIR=<workspace> DL_NVIM_SERVER=<lsp/server.mjs> DL_NVIM_NODE=<node> DL_NVIM_OUT=<results.json> \
--   nvim --headless --clean -u NONE -c "luafile test/lsp/neovim/driver.lua"
-- The workspace holds blocks.dl (a model) and app.dl (which imports it and std/vision/lenet).
-- Each step records { name, ok, detail } in the results file; the test asserts them.
local dir = os.getenv("DL_NVIM_DIR")
local out = os.getenv("DL_NVIM_OUT")
local results = {}

local started = vim.loop.hrtime()
local function record(name, ok, detail)
  local ms = math.floor((vim.loop.hrtime() - started) / 1e6)
  table.insert(results, { name = name, ok = ok and true or false, detail = (detail or "") .. " (at " .. ms .. " ms)" })
end

local function finish()
  local f = io.open(out, "w")
  f:write(vim.fn.json_encode(results))
  f:close()
  vim.cmd("qa!")
end

local function text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
end

local function run()
  local client_id = vim.lsp.start_client({
    name = "dl",
    cmd = { os.getenv("DL_NVIM_NODE"), os.getenv("DL_NVIM_SERVER"), "--stdio" },
    root_dir = dir,
  })
  local client = vim.lsp.get_client_by_id(client_id)
  record("start", client ~= nil, "client " .. tostring(client_id))

  -- Notice the first publication, so "no diagnostics" means the server said so.
  local default = vim.lsp.handlers["textDocument/publishDiagnostics"]
  vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
    local bufnr = vim.uri_to_bufnr(result.uri)
    vim.b[bufnr].dl_seen = true
    return default(err, result, ctx, config)
  end
  vim.cmd("edit " .. dir .. "/app.dl")
  local app = vim.api.nvim_get_current_buf()
  vim.bo[app].filetype = "dl"
  vim.lsp.buf_attach_client(app, client_id)
  local ready = vim.wait(30000, function() return client.initialized end, 20)
  record("initialize", ready, "")

  local function diagnostics(bufnr)
    return vim.diagnostic.get(bufnr)
  end
  local function wait_diagnostics(bufnr, want)
    return vim.wait(30000, function()
      local ds = diagnostics(bufnr)
      if want == 0 then return #ds == 0 and vim.b[bufnr].dl_seen end
      for _, d in ipairs(ds) do if d.code == want then return true end end
      return false
    end, 20)
  end
  record("clean on open", wait_diagnostics(app, 0), vim.inspect(diagnostics(app)))

  -- Line 5 (0-based 4) is `  let h = x |> Block() |> relu`: make `relu` unknown, then fix it.
  local line = vim.api.nvim_buf_get_lines(app, 4, 5, false)[1]
  local col = line:find("relu", 1, true) + 3
  vim.api.nvim_buf_set_text(app, 4, col, 4, col, { "x" })
  record("error after edit", wait_diagnostics(app, "DL2001"), vim.inspect(diagnostics(app)))
  vim.api.nvim_buf_set_text(app, 4, col, 4, col + 1, { "" })
  record("fixed after edit", wait_diagnostics(app, 0), vim.inspect(diagnostics(app)))

  -- Hover on `LeNet5` in `return h |> LeNet5()` (line 6): signature, output shape, parameter count.
  local ret = vim.api.nvim_buf_get_lines(app, 5, 6, false)[1]
  vim.api.nvim_win_set_cursor(0, { 6, (ret:find("LeNet5", 1, true)) })
  local hover = client.request_sync("textDocument/hover", vim.lsp.util.make_position_params(), 10000, app)
  local value = hover and hover.result and hover.result.contents and hover.result.contents.value or ""
  record("hover", value:find("61,706", 1, true) ~= nil and value:find("[B, 10]", 1, true) ~= nil, value)

  -- Completion after `|> ` on the let line.
  local let = vim.api.nvim_buf_get_lines(app, 4, 5, false)[1]
  vim.api.nvim_win_set_cursor(0, { 5, let:find("|> ", 1, true) + 2 })
  local completion = client.request_sync("textDocument/completion", vim.lsp.util.make_position_params(), 10000, app)
  local labels = {}
  local items = completion and completion.result and (completion.result.items or completion.result) or {}
  for _, item in ipairs(items) do labels[item.label] = true end
  record("completion", labels["conv2d"] and labels["Block"] and labels["LeNet5"], tostring(#items) .. " items")

  -- Go to definition of LeNet5: into the standard library.
  vim.api.nvim_win_set_cursor(0, { 6, (ret:find("LeNet5", 1, true)) })
  local def = client.request_sync("textDocument/definition", vim.lsp.util.make_position_params(), 10000, app)
  local location = def and def.result and (def.result[1] or def.result)
  if location and location.uri then
    vim.lsp.util.jump_to_location(location, client.offset_encoding)
    local name = vim.api.nvim_buf_get_name(0)
    local at = vim.api.nvim_get_current_line()
    record("definition into std", name:find("stdlib/vision/lenet.dl", 1, true) ~= nil and at:find("model LeNet5", 1, true) ~= nil, name .. ": " .. at)
    vim.cmd("buffer " .. app)
  else
    record("definition into std", false, vim.inspect(def))
  end

  -- Rename `Block` (used in app.dl, declared in blocks.dl) across both files.
  vim.api.nvim_win_set_cursor(0, { 5, (let:find("Block", 1, true)) })
  local params = vim.lsp.util.make_position_params()
  params.newName = "Stem"
  local rename = client.request_sync("textDocument/rename", params, 10000, app)
  if rename and rename.result then
    vim.lsp.util.apply_workspace_edit(rename.result, client.offset_encoding)
    local blocks = vim.fn.bufnr(dir .. "/blocks.dl")
    local a, b = text(app), blocks >= 0 and text(blocks) or ""
    record("rename across files", a:find("Stem", 1, true) and not a:find("Block", 1, true) and b:find("model Stem", 1, true), a .. "\n----\n" .. b)
  else
    record("rename across files", false, vim.inspect(rename))
  end

  -- Formatting: a messy buffer comes back in the formatter's layout.
  vim.cmd("edit " .. dir .. "/messy.dl")
  local messy = vim.api.nvim_get_current_buf()
  vim.bo[messy].filetype = "dl"
  vim.lsp.buf_attach_client(messy, client_id)
  vim.wait(30000, function() return vim.b[messy].dl_seen end, 20)
  local format = client.request_sync("textDocument/formatting", { textDocument = { uri = vim.uri_from_bufnr(messy) }, options = { tabSize = 2, insertSpaces = true } }, 20000, messy)
  if format and format.result then
    vim.lsp.util.apply_text_edits(format.result, messy, client.offset_encoding)
  end
  local formatted = text(messy)
  record("formatting", formatted:find("model M() {\n  input x: f32[B, 4]\n  return x |> dense(2)\n}", 1, true) ~= nil, formatted)

  client.stop()
  vim.wait(5000, function() return client.is_stopped() end, 20)
  record("stop", client.is_stopped(), "")
end

local ok, err = pcall(run)
if not ok then record("driver", false, tostring(err)) end
finish()
