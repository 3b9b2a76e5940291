// The WebSocket transport of LiveHub (websocket.h): takes over an HTTP
// connection whose request is a WebSocket upgrade on /api/v1/ws, already
// authenticated. Private to the Beast adapter (server.cc, websocket.cc): the
// only header of src/http that includes Beast.
#pragma once

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "http/auth.h"
#include "http/websocket.h"

namespace sa::http {

inline constexpr char kWebSocketPath[] = "/api/v1/ws";

// Accepts the upgrade and serves the session until either side closes.
// Returns at once; the session keeps itself alive.
void StartWebSocket(LiveHub& hub, boost::beast::tcp_stream stream,
                    boost::beast::http::request<boost::beast::http::string_body> request,
                    Caller caller);

}  // namespace sa::http
